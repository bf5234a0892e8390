package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.MessageText;
import java.util.Locale;
import java.util.Objects;

/**
 * A Docker/OCI image reference, {@code [registry[:port]/]path[:tag][@digest]}, checked against the distribution
 * grammar (github.com/distribution/reference): lowercase path components, a name of at most 255 characters, a tag of
 * at most 128, and a digest of a registered algorithm. The whole text is bounded ({@link #MAX_LENGTH}) before it is
 * looked at, and every check is linear, so no input can make the check itself fail.
 *
 * <p>Two uses: {@link #parse} for a reference to create (an import; no digest, since a digest names existing
 * content), and {@link #requireUsable} for the image of a run or session, which may name a digest. Both refuse the
 * same malformed text with the same message, on every runtime, before any engine sees it.
 *
 * @param name the repository, with its registry when given ({@code localhost/ironbox/busybox})
 * @param tag the tag; {@code latest} when the text had none
 */
public record ImageReference(String name, String tag) {

    /** Docker's limit on a repository name, registry included. */
    public static final int MAX_NAME_LENGTH = 255;

    /** The longest text the grammar allows: a 255-character name, a 128-character tag and a sha512 digest. */
    public static final int MAX_LENGTH = MAX_NAME_LENGTH + 1 + 128 + 1 + "sha512:".length() + 128;

    /**
     * No validation beyond non-null parts: use {@link #parse} for text from a user.
     *
     * @throws NullPointerException when {@code name} or {@code tag} is {@code null}
     */
    public ImageReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tag, "tag");
    }

    /**
     * Parses and validates a reference to create.
     *
     * @throws InvalidConfigurationException naming what is wrong when {@code text} is not a valid reference
     */
    public static ImageReference parse(String text) {
        requireBounded(text);
        if (text.contains("@")) {
            throw invalid(text, "a digest (@sha256:...) names existing content; give a repository and a tag");
        }
        return nameAndTag(text, text);
    }

    /**
     * Checks the image a run or session names: a reference as {@link #parse} takes it, optionally followed by
     * {@code @digest}.
     *
     * @return {@code text}, unchanged
     * @throws InvalidConfigurationException naming what is wrong when {@code text} is not a valid reference
     */
    public static String requireUsable(String text) {
        requireBounded(text);
        int at = text.indexOf('@');
        if (at >= 0) {
            String digest = text.substring(at + 1);
            if (!ReferenceGrammar.isDigest(digest)) {
                throw invalid(text, "the digest " + MessageText.quote(digest) + " must be sha256:, sha384: or sha512: "
                        + "followed by 64, 96 or 128 lowercase hex digits");
            }
            if (at == 0) {
                throw invalid(text, "it names no repository before the digest");
            }
        }
        nameAndTag(text, at >= 0 ? text.substring(0, at) : text);
        return text;
    }

    private static void requireBounded(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(String.valueOf(text), "it is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid(text, "it is " + text.length() + " characters long; a reference has at most " + MAX_LENGTH
                    + " (a name of " + MAX_NAME_LENGTH + ", a tag of 128 and a digest)");
        }
    }

    private static ImageReference nameAndTag(String text, String reference) {
        int lastSlash = reference.lastIndexOf('/');
        int colon = reference.indexOf(':', lastSlash + 1);
        String name = colon < 0 ? reference : reference.substring(0, colon);
        String tag = colon < 0 ? "latest" : reference.substring(colon + 1);
        if (!ReferenceGrammar.isTag(tag)) {
            throw invalid(text, "the tag " + MessageText.quote(tag) + " must be 1 to 128 letters, digits, '_', '.' "
                    + "or '-', not starting with '.' or '-'");
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
            if (!ReferenceGrammar.isPathComponent(parts[i])) {
                throw invalid(text, parts[i].isEmpty() ? "it has an empty path component"
                        : "the path component " + MessageText.quote(parts[i]) + " must be lowercase letters and "
                                + "digits, separated by '.', '_', '__' or dashes");
            }
        }
    }

    /** As Docker decides: the first of several components is a registry when it looks like a host name. */
    private static boolean isDomain(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
    }

    private static void checkDomain(String text, String domain) {
        int colon = domain.indexOf(':');
        String host = colon < 0 ? domain : domain.substring(0, colon);
        if (colon >= 0 && !ReferenceGrammar.isDigits(domain.substring(colon + 1))) {
            throw invalid(text, "the registry port in " + MessageText.quote(domain) + " must be digits");
        }
        for (String component : host.split("\\.", -1)) {
            if (!ReferenceGrammar.isDomainComponent(component)) {
                throw invalid(text, "the registry " + MessageText.quote(domain) + " is not a valid host name");
            }
        }
    }

    private static InvalidConfigurationException invalid(String text, String why) {
        return new InvalidConfigurationException(MessageText.quote(text) + " is not a valid image reference: " + why);
    }

    /** {@code name:tag}. */
    @Override
    public String toString() {
        return name + ":" + tag;
    }
}
