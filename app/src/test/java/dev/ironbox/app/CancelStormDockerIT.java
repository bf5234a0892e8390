package dev.ironbox.app;

/** {@link CancelStormContract} on Docker. */
class CancelStormDockerIT extends CancelStormContract {

    @Override
    protected String engine() {
        return "docker";
    }

    @Override
    protected boolean networkExists(String name) {
        return EngineCli.succeeds("docker", "network", "inspect", name);
    }
}
