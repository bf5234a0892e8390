package dev.ironbox.app;

/** {@link HostIsolationIT} on Docker. */
class HostIsolationDockerIT extends HostIsolationIT {

    @Override
    protected String engine() {
        return "docker";
    }
}
