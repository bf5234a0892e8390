package dev.ironbox.app;

/** Bad input through the CLI on Podman. */
class BadInputCliPodmanIT extends BadInputCliContract {

    @Override
    protected String runtime() {
        return "podman";
    }
}
