package dev.ironbox.podman;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PodmanArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = IronboxArchitecture.productionClasses("dev.ironbox");
    }

    @Test
    void podmanAdapterDependsOnNoOtherAdapter() {
        IronboxArchitecture.adapterIsIndependent("dev.ironbox.podman..").check(production);
    }

    @Test
    void onlyTheEntryClassAndItsProviderArePublic() {
        classes()
                .that().resideInAPackage("dev.ironbox.podman..")
                .and().doNotHaveSimpleName("PodmanRuntime")
                .and().doNotHaveSimpleName("PodmanRuntimeProvider")
                .should().notBePublic()
                .as("the Podman adapter exposes only PodmanRuntime and its provider")
                .check(production);
    }
}
