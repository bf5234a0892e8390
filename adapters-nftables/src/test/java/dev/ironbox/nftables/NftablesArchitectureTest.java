package dev.ironbox.nftables;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NftablesArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = IronboxArchitecture.productionClasses("dev.ironbox");
    }

    @Test
    void theFirewallAdapterDependsOnNoOtherAdapter() {
        IronboxArchitecture.adapterIsIndependent("dev.ironbox.nftables..").check(production);
    }

    @Test
    void onlyTheFirewallIsPublic() {
        classes()
                .that().resideInAPackage("dev.ironbox.nftables..")
                .and().doNotHaveSimpleName("NftablesFirewall")
                .should().notBePublic()
                .as("the nftables adapter exposes only NftablesFirewall")
                .check(production);
    }
}
