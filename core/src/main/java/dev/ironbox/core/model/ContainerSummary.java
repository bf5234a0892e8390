package dev.ironbox.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One container as an engine lists it.
 *
 * @param id the engine's id
 * @param name its name, without a leading slash
 * @param image the image it was created from, as given at creation
 * @param command its argv (entrypoint plus command)
 * @param created when it was created
 * @param running whether it runs now (created, exited and dead containers are not running)
 * @param labels every label it carries
 */
public record ContainerSummary(ContainerId id, String name, String image, List<String> command, Instant created,
        boolean running, Map<String, String> labels) {

    /**
     * Copies the command and labels.
     *
     * @throws NullPointerException when {@code id} or {@code created} is {@code null}
     */
    public ContainerSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        command = List.copyOf(command);
        labels = Map.copyOf(labels);
    }
}
