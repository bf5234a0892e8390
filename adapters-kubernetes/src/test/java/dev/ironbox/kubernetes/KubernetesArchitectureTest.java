package dev.ironbox.kubernetes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import dev.ironbox.archrules.IronboxArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes adapter's shape. Its API is the root package's three entry classes; the subpackages ({@code cluster},
 * {@code pod}, {@code exec}, {@code owner}, {@code network}, {@code access}) are internal, their classes public only
 * because Java has no visibility between sibling packages. No rule in archunit-rules keeps other modules off them one
 * by one; what keeps them off: other adapters may use no Ironbox adapter ({@code ADAPTERS_ARE_INDEPENDENT}, in each
 * adapter's module), the CLI no engine adapter ({@code CLI_IS_ENGINE_NEUTRAL}), and app finds the runtime only through
 * the ServiceLoader ({@link KubernetesRuntimeProvider}). What this module can check, it does: the entry classes'
 * public members name no internal type, so nothing outside can reach one through them.
 */
class KubernetesArchitectureTest {

    private static final String ROOT = "dev.ironbox.kubernetes";
    private static final Set<String> ENTRY_CLASSES = Set.of("KubernetesRuntime", "KubernetesRuntimeProvider",
            "KubernetesOptions");

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = IronboxArchitecture.productionClasses("dev.ironbox");
    }

    @Test
    void kubernetesAdapterDependsOnNoOtherAdapter() {
        IronboxArchitecture.adapterIsIndependent("dev.ironbox.kubernetes..").check(production);
    }

    @Test
    void onlyTheEntryClassesArePublicInTheRootPackage() {
        classes()
                .that().resideInAPackage(ROOT)
                .and(DescribedPredicate.describe("are not an entry class or nested in one",
                        (JavaClass c) -> !ENTRY_CLASSES.contains(topLevel(c).getSimpleName())))
                .should().notBePublic()
                .as("the Kubernetes adapter's root package exposes only KubernetesRuntime, KubernetesRuntimeProvider"
                        + " and KubernetesOptions")
                .check(production);
    }

    @Test
    void theEntryClassesPublicMembersNameNoInternalType() {
        List<JavaClass> entries = production.stream().filter(c -> c.getPackageName().equals(ROOT))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC)).toList();
        assertThat(entries).extracting(c -> topLevel(c).getSimpleName()).containsAll(ENTRY_CLASSES);
        List<String> leaks = new ArrayList<>();
        for (JavaClass entry : entries) {
            for (JavaCodeUnit member : entry.getCodeUnits()) {
                if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                }
                Stream.concat(member.getRawParameterTypes().stream(), Stream.of(member.getRawReturnType()))
                        .filter(KubernetesArchitectureTest::internal)
                        .forEach(type -> leaks.add(member.getFullName() + " names " + type.getName()));
            }
            entry.getFields().stream().filter(f -> f.getModifiers().contains(JavaModifier.PUBLIC))
                    .filter(f -> internal(f.getRawType()))
                    .forEach(f -> leaks.add(f.getFullName() + " is a " + f.getRawType().getName()));
        }
        assertThat(leaks).as("public members of the entry classes that name an internal type").isEmpty();
    }

    private static boolean internal(JavaClass type) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        return base.getPackageName().startsWith(ROOT + ".");
    }

    private static JavaClass topLevel(JavaClass type) {
        JavaClass current = type;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
