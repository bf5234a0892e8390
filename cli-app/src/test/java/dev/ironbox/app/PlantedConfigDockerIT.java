package dev.ironbox.app;

/** A planted ./ironbox.toml does not widen the next run, on Docker. */
class PlantedConfigDockerIT extends PlantedConfigCliContract {

    @Override
    protected String runtime() {
        return "docker";
    }
}
