package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.MessageText;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A byte count as people write it: {@code 512m}, {@code 64k}, {@code 2g}, {@code 1024}. Binary units. */
public record ByteSize(long bytes) {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");

    /** Longer text is no size; it is refused before it is matched. */
    private static final int MAX_TEXT = 64;

    /** @throws InvalidConfigurationException when {@code bytes} is negative */
    public ByteSize {
        if (bytes < 0) {
            throw new InvalidConfigurationException("a size cannot be negative: " + bytes);
        }
    }

    /**
     * Parses {@code what}; {@code name} only labels the error message.
     *
     * @throws InvalidConfigurationException when the text is not a non-negative whole number with an optional unit
     */
    public static ByteSize parse(String name, String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw invalid(name, text, "too long for a size (e.g. 512m)");
        }
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(name, text,
                    "expected a whole number of bytes with an optional unit k, m, g or t (e.g. 512m)");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        try {
            long value = Long.parseLong(m.group(1));
            if (value > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return new ByteSize(value << shift);
        } catch (NumberFormatException e) {
            throw invalid(name, text, "too large", e);
        }
    }

    @Override
    public String toString() {
        return bytes + " bytes";
    }

    private static InvalidConfigurationException invalid(String name, String text, String why) {
        return invalid(name, text, why, null);
    }

    private static InvalidConfigurationException invalid(String name, String text, String why, Throwable cause) {
        return new InvalidConfigurationException("invalid " + name + " " + MessageText.quote(text) + ": " + why, cause);
    }
}
