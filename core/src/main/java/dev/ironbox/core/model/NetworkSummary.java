package dev.ironbox.core.model;

import java.util.Map;
import java.util.Objects;

/** One network as an engine lists it: its id, name and labels. */
public record NetworkSummary(String id, String name, Map<String, String> labels) {

    /**
     * Copies the labels.
     *
     * @throws NullPointerException when {@code id} is {@code null}
     */
    public NetworkSummary {
        Objects.requireNonNull(id, "id");
        labels = Map.copyOf(labels);
    }
}
