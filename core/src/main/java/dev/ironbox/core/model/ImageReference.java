package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Docker/OCI image reference to create, {@code [registry[:port]/]path[:tag]}, checked against the distribution
 * grammar (github.com/distribution/reference): lowercase path components, a tag of at most 128 characters, no digest
 * (a digest names existing content; an import makes new content).
 *
 * @param name the repository, with its registry when given ({@code localhost/ironbox/busybox})
 * @param tag the tag; {@code latest} when the text had none
 */
public record ImageReference(String name, String tag) {

    private static final int MAX_NAME_LENGTH = 255;
    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]");
    private static final Pattern PORT = Pattern.compile("[0-9]+");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public ImageReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tag, "tag");
    }

    /**
     * Parses and validates {@code text}.
     *
     * @throws InvalidConfigurationException naming what is wrong when {@code text} is not a valid reference
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(String.valueOf(text), "it is empty");
        }
        if (text.contains("@")) {
            throw invalid(text, "a digest (@sha256:...) names existing content; give a repository and a tag");
        }
        int lastSlash = text.lastIndexOf('/');
        int colon = text.indexOf(':', lastSlash + 1);
        String name = colon < 0 ? text : text.substring(0, colon);
        String tag = colon < 0 ? "latest" : text.substring(colon + 1);
        if (!TAG.matcher(tag).matches()) {
            throw invalid(text, "the tag '" + tag + "' must be 1 to 128 letters, digits, '_', '.' or '-', "
                    + "not starting with '.' or '-'");
        }
        checkName(text, name);
        return new ImageReference(name, tag);
    }

    private static void checkName(String text, String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw invalid(text, "the repository name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        String[] parts = name.split("/", -1);
        int first = 0;
        if (parts.length > 1 && isDomain(parts[0])) {
            checkDomain(text, parts[0]);
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
                throw invalid(text, parts[i].isEmpty() ? "it has an empty path component"
                        : "the path component '" + parts[i] + "' must be lowercase letters and digits, "
                                + "separated by '.', '_', '__' or dashes");
            }
        }
    }

    /** As Docker decides: the first of several components is a registry when it looks like a host name. */
    private static boolean isDomain(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
    }

    private static void checkDomain(String text, String domain) {
        int colon = domain.indexOf(':');
        String host = colon < 0 ? domain : domain.substring(0, colon);
        if (colon >= 0 && !PORT.matcher(domain.substring(colon + 1)).matches()) {
            throw invalid(text, "the registry port in '" + domain + "' must be digits");
        }
        for (String component : host.split("\\.", -1)) {
            if (!DOMAIN_COMPONENT.matcher(component).matches()) {
                throw invalid(text, "the registry '" + domain + "' is not a valid host name");
            }
        }
    }

    private static InvalidConfigurationException invalid(String text, String why) {
        return new InvalidConfigurationException("'" + text + "' is not a valid image reference: " + why);
    }

    /** {@code name:tag}. */
    @Override
    public String toString() {
        return name + ":" + tag;
    }
}
