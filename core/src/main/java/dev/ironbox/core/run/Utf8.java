package dev.ironbox.core.run;



/** Finds UTF-8 character boundaries, so output is never cut inside a character. */
final class Utf8 {

    private Utf8() {}

    /**
     * The largest cut {@code <= index} that leaves no partial character before it. {@code bytes} may be a prefix of
     * a longer stream, so the last character before the cut is checked for completeness, not the byte at the cut.
     */
    static int boundaryAtOrBefore(byte[] bytes, int index) {
        int limit = Math.min(index, bytes.length);
        int lead = limit - 1;
        while (lead >= 0 && limit - lead < 4 && isContinuation(bytes[lead])) {
            lead--;
        }
        if (lead < 0 || isContinuation(bytes[lead])) {
            return limit; // not UTF-8 here: any cut is as good as another
        }
        return lead + sequenceLength(bytes[lead]) > limit ? lead : limit;
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        if (b >= 0xF0) {
            return 4;
        }
        if (b >= 0xE0) {
            return 3;
        }
        return b >= 0xC0 ? 2 : 1;
    }

    /** The smallest index {@code >= index} at which a character starts (or the end of {@code bytes}). */
    static int boundaryAtOrAfter(byte[] bytes, int index) {
        int i = Math.max(0, index);
        while (i < bytes.length && isContinuation(bytes[i])) {
            i++;
        }
        return i;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
