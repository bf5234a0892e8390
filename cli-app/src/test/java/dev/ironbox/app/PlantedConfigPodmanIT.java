package dev.ironbox.app;

/** A planted ./ironbox.toml does not widen the next run, on Podman. */
class PlantedConfigPodmanIT extends PlantedConfigCliContract {

    @Override
    protected String runtime() {
        return "podman";
    }
}
