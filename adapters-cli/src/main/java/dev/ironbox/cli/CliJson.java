package dev.ironbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * The CLI's one JSON mapper. Every {@code --json} output is a record whose {@code @JsonPropertyOrder} fixes its
 * field order (the order is part of the CLI contract), written compact on one line.
 */
final class CliJson {

    /** Configured once here, then only read: an {@link ObjectMapper} is thread-safe for writing. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CliJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
