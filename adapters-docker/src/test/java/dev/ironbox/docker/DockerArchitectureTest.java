package dev.ironbox.docker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = IronboxArchitecture.productionClasses("dev.ironbox");
    }

    @Test
    void adaptersAreIndependent() {
        IronboxArchitecture.ADAPTERS_ARE_INDEPENDENT.check(production);
    }

    @Test
    void dockerAdapterDependsOnNoOtherAdapter() {
        IronboxArchitecture.adapterIsIndependent("dev.ironbox.docker..").check(production);
    }

    @Test
    void onlyTheEntryClassIsPublic() {
        classes()
                .that().resideInAPackage("dev.ironbox.docker..").and().doNotHaveSimpleName("DockerRuntime").and().doNotHaveSimpleName("DockerRuntimeProvider")
                .should().notBePublic()
                .as("the Docker adapter exposes only DockerRuntime and its provider")
                .check(production);
    }
}
