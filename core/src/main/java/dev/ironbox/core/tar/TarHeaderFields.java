package dev.ironbox.core.tar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Decoding of one ustar header block's fields: checksum, numbers (octal or GNU base-256), strings, the end block. */
final class TarHeaderFields {

    /** A tar block: every header and every content's padding is a whole number of them. */
    static final int BLOCK = 512;

    private TarHeaderFields() {}

    /** Accepts the unsigned sum (POSIX) and the signed one (old Sun tar). */
    static void verifyChecksum(byte[] h) throws IOException {
        long expected = number(h, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : h[i];
            unsigned += b & 0xFF;
            signed += b;
        }
        if (expected != unsigned && expected != signed) {
            throw new IOException("not a tar archive (bad header checksum)");
        }
    }

    /** An octal field (NUL or space terminated), or GNU's base-256 form when the high bit of its first byte is set. */
    static long number(byte[] h, int offset, int length) throws IOException {
        if ((h[offset] & 0x80) != 0) {
            long value = h[offset] & 0x3F;
            if ((h[offset] & 0x40) != 0) {
                throw new IOException("negative number in a tar header");
            }
            for (int i = offset + 1; i < offset + length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw new IOException("number too large in a tar header");
                }
                value = (value << 8) | (h[i] & 0xFF);
            }
            return value;
        }
        long value = 0;
        int i = offset;
        while (i < offset + length && h[i] == ' ') {
            i++;
        }
        for (; i < offset + length && h[i] != 0 && h[i] != ' '; i++) {
            if (h[i] < '0' || h[i] > '7' || value > (Long.MAX_VALUE >> 3)) {
                throw new IOException("malformed number in a tar header");
            }
            value = (value << 3) | (h[i] - '0');
        }
        return value;
    }

    /** A NUL-terminated field. */
    static String string(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** An all-zero block: the archive's end. */
    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
