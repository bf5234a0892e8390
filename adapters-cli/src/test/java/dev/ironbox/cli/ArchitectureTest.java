package dev.ironbox.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = IronboxArchitecture.productionClasses("dev.ironbox");

    @Test
    void cliIsEngineNeutral() {
        IronboxArchitecture.CLI_IS_ENGINE_NEUTRAL.check(classes);
    }

    @Test
    void theCliNeverSeesApp() {
        IronboxArchitecture.CLI_NEVER_SEES_APP.check(classes);
    }

    @Test
    void adaptersAreIndependent() {
        IronboxArchitecture.ADAPTERS_ARE_INDEPENDENT.check(classes);
    }
}
