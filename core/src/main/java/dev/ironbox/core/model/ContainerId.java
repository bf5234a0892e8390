package dev.ironbox.core.model;

/** An engine's id of one container. */
public record ContainerId(String value) {

    /** @throws IllegalArgumentException when {@code value} is {@code null} or blank */
    public ContainerId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("container id must not be blank");
        }
    }

    /** The first 12 characters, as engines print them. */
    public String shortId() {
        return value.length() > 12 ? value.substring(0, 12) : value;
    }

    @Override
    public String toString() {
        return shortId();
    }
}
