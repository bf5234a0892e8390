package dev.ironbox.podman;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads libpod's creation times, which come in two shapes: epoch seconds ({@code images/json}) and RFC 3339 strings
 * with nanoseconds ({@code containers/json}, {@code images/{name}/json}).
 */
final class Times {

    private Times() {}

    /** @return the instant, or the epoch when the engine sent none or one that cannot be read */
    static Instant instant(JsonNode created) {
        if (created == null || created.isNull() || created.isMissingNode()) {
            return Instant.EPOCH;
        }
        if (created.isNumber()) {
            return Instant.ofEpochSecond(created.asLong());
        }
        String text = created.asText().strip();
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
