package dev.ironbox.app;

/** The session backstops through the CLI on Podman. */
class SessionBackstopCliPodmanIT extends SessionBackstopCliContract {

    @Override
    protected String runtime() {
        return "podman";
    }
}
