package dev.ironbox.kubernetes;

import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Leaves out the inherited contract tests that cannot hold on Kubernetes by design, each with the reason (shown as the
 * test's skip reason). The contracts' test methods are package-private in {@code dev.ironbox.core.tck}, so a subclass
 * here cannot override them; it registers this instead ({@code @RegisterExtension static}). A name that matches no
 * test fails the class, so a renamed contract test is not silently run again, nor an exclusion silently kept.
 */
final class NotOnKubernetes implements ExecutionCondition {

    private final Map<String, String> reasons;

    private NotOnKubernetes(Map<String, String> reasons) {
        this.reasons = Map.copyOf(reasons);
    }

    /** @param reasons by test method name, why it cannot hold on Kubernetes */
    static NotOnKubernetes of(Map<String, String> reasons) {
        return new NotOnKubernetes(reasons);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            context.getTestClass().ifPresent(this::requireEveryNameIsATest);
            return ConditionEvaluationResult.enabled("a class");
        }
        String reason = reasons.get(context.getRequiredTestMethod().getName());
        return reason == null ? ConditionEvaluationResult.enabled("holds on Kubernetes")
                : ConditionEvaluationResult.disabled("not on Kubernetes: " + reason);
    }

    private void requireEveryNameIsATest(Class<?> type) {
        for (String name : reasons.keySet()) {
            if (!declared(type, name)) {
                throw new IllegalStateException(type.getSimpleName() + " leaves out '" + name + "', which no "
                        + "contract it extends declares");
            }
        }
    }

    private static boolean declared(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
