package dev.ironbox.app;

/** Sessions and file copy through the CLI on Docker. */
class SessionCliDockerIT extends SessionCliContract {

    @Override
    protected String runtime() {
        return "docker";
    }
}
