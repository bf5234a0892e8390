package dev.ironbox.app;

/** {@link EgressEndToEndIT} on Podman. */
class EgressPodmanIT extends EgressEndToEndIT {

    @Override
    protected String engine() {
        return "podman";
    }
}
