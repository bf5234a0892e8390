package dev.ironbox.core.model;

/**
 * The character-level rules of the distribution reference grammar (github.com/distribution/reference), written as
 * plain loops rather than regular expressions: the grammar's {@code (separator component)*} is an alternation in a
 * repeated group, which {@code java.util.regex} matches by recursion, one stack frame per character, so a long
 * reference overflowed the stack. Each check here is linear and needs no stack.
 */
final class ReferenceGrammar {

    private ReferenceGrammar() {}

    /**
     * A path component: {@code [a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*} — lowercase letters and digits, separated by
     * one {@code .}, one {@code _}, two {@code _} or any number of {@code -}, neither first nor last.
     */
    static boolean isPathComponent(String s) {
        int separatorStart = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isLowerAlnum(c)) {
                if (separatorStart >= 0 && !isSeparator(s, separatorStart, i)) {
                    return false;
                }
                separatorStart = -1;
            } else if (c == '.' || c == '_' || c == '-') {
                if (i == 0) {
                    return false;
                }
                if (separatorStart < 0) {
                    separatorStart = i;
                }
            } else {
                return false;
            }
        }
        return !s.isEmpty() && separatorStart < 0;
    }

    private static boolean isSeparator(String s, int from, int to) {
        String separator = s.substring(from, to);
        return separator.equals(".") || separator.equals("_") || separator.equals("__")
                || separator.chars().allMatch(c -> c == '-');
    }

    /** A host name label: letters, digits and {@code -}, a letter or digit at each end. */
    static boolean isDomainComponent(String s) {
        if (s.isEmpty() || !isAlnum(s.charAt(0)) || !isAlnum(s.charAt(s.length() - 1))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** A tag: {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}. */
    static boolean isTag(String s) {
        if (s.isEmpty() || s.length() > 128 || !(isAlnum(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** One or more ASCII digits. */
    static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * A digest of a registered algorithm: {@code sha256:} and 64, {@code sha384:} and 96, or {@code sha512:} and 128
     * lowercase hex digits.
     */
    static boolean isDigest(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            return false;
        }
        int hexLength = switch (s.substring(0, colon)) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> -1;
        };
        String hex = s.substring(colon + 1);
        return hex.length() == hexLength && hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }
}
