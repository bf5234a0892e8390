package dev.ironbox.mcp;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = IronboxArchitecture.productionClasses("dev.ironbox");

    @Test
    void theMcpServerIsEngineNeutral() {
        IronboxArchitecture.MCP_IS_ENGINE_NEUTRAL.check(classes);
    }

    @Test
    void adaptersAreIndependent() {
        IronboxArchitecture.ADAPTERS_ARE_INDEPENDENT.check(classes);
    }

    @Test
    void onlyCoreApiOutsideCore() {
        IronboxArchitecture.ONLY_CORE_API_OUTSIDE_CORE.check(classes);
    }
}
