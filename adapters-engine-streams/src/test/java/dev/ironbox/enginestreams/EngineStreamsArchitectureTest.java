package dev.ironbox.enginestreams;

import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.Test;

class EngineStreamsArchitectureTest {

    @Test
    void usesOnlyCoreTheJdkAndSlf4j() {
        IronboxArchitecture.ENGINE_STREAMS_ARE_SHARED_INFRASTRUCTURE
                .check(IronboxArchitecture.productionClasses("dev.ironbox.enginestreams"));
    }
}
