package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.MessageText;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as people write them: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    /** Longer text is no duration; it is refused before it is matched. */
    private static final int MAX_TEXT = 64;

    private Durations() {}

    /** @throws InvalidConfigurationException naming {@code name} when {@code text} is malformed, negative or zero */
    public static Duration parsePositive(String name, String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw invalid(name, text, "too long for a duration (e.g. 30s)");
        }
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(name, text, "expected a whole number with an optional unit ms, s, m or h (e.g. 30s)");
        }
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw invalid(name, text, "too large", e);
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration duration;
        try {
            duration = switch (unit) {
                case "ms" -> Duration.ofMillis(value);
                case "m" -> Duration.ofMinutes(value);
                case "h" -> Duration.ofHours(value);
                default -> Duration.ofSeconds(value);
            };
            duration.toNanos(); // deadlines are computed in nanoseconds
        } catch (ArithmeticException e) {
            throw invalid(name, text, "too large", e);
        }
        if (duration.isZero()) {
            throw invalid(name, text, "must be greater than zero");
        }
        return duration;
    }

    private static InvalidConfigurationException invalid(String name, String text, String why) {
        return invalid(name, text, why, null);
    }

    private static InvalidConfigurationException invalid(String name, String text, String why, Throwable cause) {
        return new InvalidConfigurationException("invalid " + name + " " + MessageText.quote(text) + ": " + why, cause);
    }
}
