package dev.ironbox.core.model.egress;

import java.util.Locale;
import java.util.Optional;

/** Host name rules shared by allowlist entries, credential mappings and the hosts the proxy is asked for. */
final class HostNames {

    static final int MAX_NAME = 253;
    static final int MAX_LABEL = 63;

    private HostNames() {}

    /**
     * A requested host as rules compare it: lowercase, without surrounding brackets ({@code [::1]}) and without one
     * trailing dot; an IP literal in its canonical form. Never null ({@code null} becomes empty).
     */
    static String normalise(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.length() >= 2 && h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        String name = h;
        return IpLiterals.parse(name).map(IpLiterals::format).orElse(name);
    }

    /**
     * What is wrong with {@code name} as a DNS host name (already lowercase, no trailing dot), or empty when
     * nothing is: labels of letters, digits, '-' and '_', 1-63 characters, not starting or ending with '-'; at most
     * 253 characters; the last label not all digits (that would be a malformed IP address).
     */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("the host name is empty");
        }
        if (name.length() > MAX_NAME) {
            return Optional.of("the name is " + name.length() + " characters long; at most " + MAX_NAME
                    + " are allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7e) {
                return Optional.of("non-ASCII character '" + c + "'; write an internationalised name in its"
                        + " 'xn--' (punycode) form");
            }
            if (!(isLabelChar(c) || c == '.')) {
                return Optional.of("character '" + c + "' is not allowed in a host name");
            }
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return Optional.of("empty label (a leading dot or two dots in a row)");
            }
            if (label.length() > MAX_LABEL) {
                return Optional.of("label '" + label + "' is " + label.length() + " characters long; at most "
                        + MAX_LABEL + " are allowed");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of("label '" + label + "' starts or ends with '-'");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Optional.of("not a valid IP address, and a host name's last label cannot be all digits");
        }
        return Optional.empty();
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** {@code text} safe to echo into a log line or a 403 body: printable ASCII only, at most 253 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_NAME; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
