package dev.ironbox.kubernetes.network;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which of Ironbox's labels Kubernetes takes as labels: every one goes to an annotation verbatim (values such as
 * instants and paths are not label values), and those of valid label syntax to labels too, for selectors.
 */
final class LabelSyntax {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("(" + NAME.pattern() + ")?");

    private LabelSyntax() {}

    static boolean validKey(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? NAME.matcher(key).matches()
                : PREFIX.matcher(key.substring(0, slash)).matches() && NAME.matcher(key.substring(slash + 1)).matches();
    }

    static boolean validValue(String value) {
        return VALUE.matcher(value).matches();
    }

    /** The entries that are valid labels. */
    static Map<String, String> labels(Map<String, String> labels) {
        Map<String, String> valid = new TreeMap<>();
        labels.forEach((key, value) -> {
            if (validKey(key) && validValue(value)) {
                valid.put(key, value);
            }
        });
        return valid;
    }
}
