package dev.ironbox.app;

/** {@link HostIsolationIT} on Podman. */
class HostIsolationPodmanIT extends HostIsolationIT {

    @Override
    protected String engine() {
        return "podman";
    }
}
