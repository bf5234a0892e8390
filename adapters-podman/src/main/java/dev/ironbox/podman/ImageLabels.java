package dev.ironbox.podman;

import dev.ironbox.core.error.ImageUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Labels for {@code images/import} as Dockerfile-style {@code changes=LABEL key="value"} instructions.
 *
 * <p>Engine-specific, checked on Podman 4.3.1: the value between the outer double quotes is kept verbatim, with no
 * escapes and no variable expansion ({@code say "hi" \ $HOME} lands as written), and one instruction per label keeps
 * commas and spaces intact. What that syntax cannot carry (a key with spaces, quotes or {@code =}; a line break) is
 * refused up front; the importer checks the labels that landed all the same.
 */
final class ImageLabels {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

    private ImageLabels() {}

    /**
     * One {@code changes} value per label, in key order.
     *
     * @throws ImageUnavailableException naming the label that cannot be given to image {@code image}
     */
    static List<String> changes(String image, Map<String, String> labels) {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            String key = label.getKey();
            String value = label.getValue();
            if (!KEY.matcher(key).matches()) {
                throw new ImageUnavailableException("cannot label image " + image + ": label key '" + key
                        + "' must be letters, digits, '.', '_', '/' or '-'");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                throw new ImageUnavailableException("cannot label image " + image + ": the value of label '" + key
                        + "' contains a line break or NUL");
            }
            changes.add("LABEL " + key + "=\"" + value + "\"");
        }
        return changes;
    }
}
