package dev.ironbox.app;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;

/** Direct access to a real engine's images, for test setup and teardown (not through the code under test). */
final class EngineImages {

    private EngineImages() {}

    static boolean exists(String engine, String image) {
        try (ContainerRuntime runtime = provider(engine).create()) {
            return runtime.images().exists(image);
        }
    }

    /** Removes {@code image} when present. */
    static void remove(String engine, String image) {
        try (ContainerRuntime runtime = provider(engine).create()) {
            runtime.images().remove(image);
        }
    }

    private static ContainerRuntimeProvider provider(String engine) {
        return RuntimeRegistry.fromServiceLoader().find(engine)
                .orElseThrow(() -> new IllegalStateException("runtime " + engine + " is not on the classpath"));
    }
}
