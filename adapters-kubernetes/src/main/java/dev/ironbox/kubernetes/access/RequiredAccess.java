package dev.ironbox.kubernetes.access;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;

/**
 * Every verb on every resource the Kubernetes runtime uses in its namespace: the one source of truth that
 * {@code deploy/kubernetes/role.yaml} equals (a test checks it), that a recorded full scenario stays within (a test
 * checks it), and that {@code ironbox doctor} asks the API server about ({@link AccessReview}).
 */
public final class RequiredAccess {

    /**
     * Verbs on one resource.
     *
     * @param group the API group ({@code ""}: the core group)
     * @param resource the resource, with its subresource after a slash ({@code pods/exec}), as a Role names it
     * @param verbs the verbs, in the Role's order
     */
    public record Rule(String group, String resource, List<String> verbs) {

        public Rule {
            verbs = List.copyOf(verbs);
        }

        /** The resource without its subresource. */
        public String baseResource() {
            int slash = resource.indexOf('/');
            return slash < 0 ? resource : resource.substring(0, slash);
        }

        /** The subresource ({@code exec}), or empty. */
        public String subresource() {
            int slash = resource.indexOf('/');
            return slash < 0 ? "" : resource.substring(slash + 1);
        }
    }

    /**
     * What the Role grants. Pods: run and session pods (get: the start and the exit wait poll, no watch; patch: a
     * deadline, the proxy pod's label). NetworkPolicies: get checks a default deny that already exists. Exec and
     * attach: a WebSocket upgrade is a GET, authorized as {@code get} by older API servers and
     * {@code create} by newer ones, so both. Leases: the instance's own (renewal is a get and an update) and the
     * reaper's. SelfSubjectAccessReviews: {@code ironbox doctor}'s checks (every authenticated identity has it anyway
     * through {@code system:basic-user}; listed so the Role says all that is used).
     */
    public static final List<Rule> RULES = List.of(
            new Rule("", "pods", List.of("get", "list", "create", "delete", "patch")),
            new Rule("", "pods/exec", List.of("create", "get")),
            new Rule("", "pods/attach", List.of("create", "get")),
            new Rule("networking.k8s.io", "networkpolicies", List.of("get", "list", "create", "delete")),
            new Rule("coordination.k8s.io", "leases", List.of("get", "list", "create", "update", "delete")),
            new Rule("authorization.k8s.io", "selfsubjectaccessreviews", List.of("create")));

    /**
     * Asked for, but never required: cluster-scoped reads a namespaced Role cannot grant, whose refusal the runtime
     * tolerates ({@code doctor}'s capacity from the nodes, whether the agent-sandbox CRDs exist), and the server's
     * version (readable by everyone: {@code system:public-info-viewer}).
     */
    public static final List<Rule> OPTIONAL = List.of(
            new Rule("", "nodes", List.of("list")),
            new Rule("apiextensions.k8s.io", "customresourcedefinitions", List.of("get")),
            new Rule("", "nonresource:/version", List.of("get")));

    private RequiredAccess() {}

    /** Whether {@link #RULES} grant {@code verb} on {@code resource} (with its {@code /subresource}) of {@code group}. */
    public static boolean grants(String group, String resource, String verb) {
        return RULES.stream().anyMatch(rule -> rule.group().equals(group) && rule.resource().equals(resource)
                && rule.verbs().contains(verb));
    }

    /** Whether {@code verb} on {@code resource} is one the runtime asks for without requiring it. */
    public static boolean optional(String group, String resource, String verb) {
        return OPTIONAL.stream().anyMatch(rule -> rule.group().equals(group) && rule.resource().equals(resource)
                && rule.verbs().contains(verb));
    }

    /** {@link #RULES} as a Role's rules: one per resource, in order. */
    public static List<PolicyRule> policyRules() {
        return RULES.stream().map(rule -> new PolicyRuleBuilder().withApiGroups(rule.group())
                .withResources(rule.resource()).withVerbs(rule.verbs()).build()).toList();
    }
}
