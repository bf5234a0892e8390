package dev.ironbox.egress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EgressArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = IronboxArchitecture.productionClasses("dev.ironbox");
    }

    @Test
    void theEgressAdapterDependsOnNoOtherAdapter() {
        IronboxArchitecture.adapterIsIndependent("dev.ironbox.egress..").check(production);
    }

    @Test
    void onlyTheProxyAndItsOptionsArePublic() {
        classes()
                .that().resideInAPackage("dev.ironbox.egress..")
                .and().doNotHaveSimpleName("EgressProxy")
                .and().doNotHaveSimpleName("EgressProxyOptions")
                .should().notBePublic()
                .as("the egress adapter exposes only EgressProxy and EgressProxyOptions")
                .check(production);
    }
}
