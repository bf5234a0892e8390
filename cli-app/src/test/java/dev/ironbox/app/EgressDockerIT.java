package dev.ironbox.app;

/** {@link EgressEndToEndIT} on Docker. */
class EgressDockerIT extends EgressEndToEndIT {

    @Override
    protected String engine() {
        return "docker";
    }
}
