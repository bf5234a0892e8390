package dev.ironbox.app;

/** Sessions and file copy through the CLI on Podman. */
class SessionCliPodmanIT extends SessionCliContract {

    @Override
    protected String runtime() {
        return "podman";
    }
}
