package dev.ironbox.docker;

import java.util.List;
import java.util.Map;

/**
 * Labels for {@code docker import}, given as {@code changes}: Dockerfile instructions such as
 * {@code LABEL "key"="value"}. Inside double quotes the Dockerfile word syntax gives {@code \}, {@code "} and
 * {@code $} special meaning (escapes and variable expansion), so each is escaped with a backslash; a line break
 * would end the instruction, so keys and values with control characters are refused.
 */
final class ImageLabels {

    private ImageLabels() {}

    /** One {@code LABEL} instruction per label. */
    static List<String> changes(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> labelChange(e.getKey(), e.getValue())).toList();
    }

    /**
     * {@code LABEL "key"="value"}, quoted.
     *
     * @throws IllegalArgumentException when the key is empty, or the key or value holds a control character
     */
    static String labelChange(String key, String value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an image label needs a non-empty key");
        }
        return "LABEL " + quote("key", key) + "=" + quote("value of label " + key, value == null ? "" : value);
    }

    private static String quote(String what, String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("the image label " + what + " holds a control character (U+"
                        + String.format("%04X", (int) c) + "); line breaks and other control characters are refused");
            }
            if (c == '\\' || c == '"' || c == '$') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
