package dev.ironbox.podman;

/** Podman's libpod API versions: dotted numbers such as {@code 4.3.1}, compared numerically. */
final class ApiVersion {

    /** Podman 4.0: the libpod API this adapter speaks ({@code /v4.0.0/libpod}). */
    static final String MINIMUM = "4.0.0";

    private ApiVersion() {}

    static boolean isSupported(String version) {
        return compare(version, MINIMUM) >= 0;
    }

    /**
     * Compares dotted versions part by part, numerically; a missing part counts as 0 and a part's non-digit suffix
     * ({@code 1-dev}) is ignored, so {@code 4.0} equals {@code 4.0.0} and {@code 4.10.0} is after {@code 4.9.3}.
     */
    static int compare(String a, String b) {
        String[] x = a.strip().split("\\.");
        String[] y = b.strip().split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Long.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long part(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        String digits = parts[i].replaceFirst("^v", "").replaceAll("\\D.*", "");
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
