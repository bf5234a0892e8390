package dev.ironbox.app;

/** Bad input through the CLI on Docker. */
class BadInputCliDockerIT extends BadInputCliContract {

    @Override
    protected String runtime() {
        return "docker";
    }
}
