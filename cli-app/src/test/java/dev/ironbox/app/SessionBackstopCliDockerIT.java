package dev.ironbox.app;

/** The session backstops through the CLI on Docker. */
class SessionBackstopCliDockerIT extends SessionBackstopCliContract {

    @Override
    protected String runtime() {
        return "docker";
    }
}
