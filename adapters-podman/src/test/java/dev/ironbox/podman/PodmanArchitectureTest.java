package dev.ironbox.podman;

import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.Test;

class PodmanArchitectureTest {

    @Test
    void podmanAdapterDependsOnNoOtherAdapter() {
        IronboxArchitecture.adapterIsIndependent("dev.ironbox.podman..")
                .check(IronboxArchitecture.productionClasses("dev.ironbox"));
    }
}
