package dev.ironbox.core.service;

/** Finds UTF-8 character boundaries, so output is never cut inside a character. */
final class Utf8 {

    private Utf8() {}

    /** The largest index {@code <= index} at which a character starts (or the end of {@code bytes}). */
    static int boundaryAtOrBefore(byte[] bytes, int index) {
        int i = index;
        while (i > 0 && i < bytes.length && isContinuation(bytes[i])) {
            i--;
        }
        return i;
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
