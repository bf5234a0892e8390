package dev.ironbox.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One local image.
 *
 * @param id the engine's id ({@code sha256:...})
 * @param tags its references ({@code localhost/ironbox/busybox:1}); empty for an untagged image
 * @param created when it was created
 * @param sizeBytes its size on disk as the engine reports it
 * @param labels its labels ({@code dev.ironbox.host-tools} marks a host-tools image)
 */
public record ImageSummary(String id, List<String> tags, Instant created, long sizeBytes, Map<String, String> labels) {

    /**
     * Copies the tags and labels.
     *
     * @throws NullPointerException when {@code id} or {@code created} is {@code null}
     */
    public ImageSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        tags = List.copyOf(tags);
        labels = Map.copyOf(labels);
    }
}
