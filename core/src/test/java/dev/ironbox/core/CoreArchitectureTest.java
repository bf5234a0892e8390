package dev.ironbox.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.Test;

class CoreArchitectureTest {

    private final JavaClasses core = IronboxArchitecture.productionClasses("dev.ironbox.core");

    @Test
    void coreIsPure() {
        IronboxArchitecture.CORE_IS_PURE.check(core);
    }

    @Test
    void portsSpeakOnlyCoreTypes() {
        IronboxArchitecture.PORTS_SPEAK_CORE_TYPES.check(core);
    }

    @Test
    void corePackagesFormNoCycle() {
        IronboxArchitecture.CORE_PACKAGES_ARE_FREE_OF_CYCLES.check(core);
    }
}
