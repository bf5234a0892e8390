package dev.ironbox.core.tar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a POSIX ustar archive of directories, files and symlinks, streaming file content. Names, link targets and
 * sizes that do not fit ustar's fields get a pax extended header ({@code x}) in front of their entry, as GNU tar,
 * busybox tar and every engine understand. Core may use no archive library.
 */
public final class TarWriter {

    private static final int BLOCK = 512;
    private static final int NAME_LENGTH = 100;
    /** The largest size an 11-digit octal field holds (8 GiB - 1). */
    private static final long MAX_OCTAL_SIZE = 077777777777L;
    private static final int COPY_BUFFER = 64 * 1024;

    private final OutputStream out;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    public void directory(String name, int mode) throws IOException {
        directory(name, mode, 0);
    }

    /** A directory entry; {@code mtime} in seconds since the epoch. */
    public void directory(String name, int mode, long mtime) throws IOException {
        entry(name.endsWith("/") ? name : name + "/", mode, 0, mtime, '5', "");
    }

    public void file(String name, int mode, byte[] content) throws IOException {
        entry(name, mode, content.length, 0, '0', "");
        out.write(content);
        pad(content.length);
    }

    /**
     * A regular file of exactly {@code size} bytes read from {@code content} (the caller closes it).
     *
     * @throws EOFException when {@code content} ends before {@code size} bytes (the archive is then unusable)
     */
    public void file(String name, int mode, long size, long mtime, InputStream content) throws IOException {
        entry(name, mode, size, mtime, '0', "");
        byte[] buffer = new byte[COPY_BUFFER];
        long left = size;
        while (left > 0) {
            int read = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException(name + " shrank while it was being copied");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
        pad(size);
    }

    public void symlink(String name, String target) throws IOException {
        symlink(name, target, 0);
    }

    public void symlink(String name, String target, long mtime) throws IOException {
        entry(name, 0777, 0, mtime, '2', target);
    }

    /** Writes the two zero blocks that end an archive. */
    public void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void entry(String name, int mode, long size, long mtime, char type, String linkName) throws IOException {
        Map<String, String> pax = new LinkedHashMap<>();
        if (utf8(name).length > NAME_LENGTH) {
            pax.put("path", name);
        }
        if (utf8(linkName).length > NAME_LENGTH) {
            pax.put("linkpath", linkName);
        }
        if (size > MAX_OCTAL_SIZE) {
            pax.put("size", Long.toString(size));
        }
        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            header(truncate("PaxHeaders/" + name), 0644, records.length, 0, 'x', "");
            out.write(records);
            pad(records.length);
        }
        header(truncate(name), mode, size > MAX_OCTAL_SIZE ? 0 : size, Math.max(0, mtime), type, truncate(linkName));
    }

    private void header(String name, int mode, long size, long mtime, char type, String linkName) throws IOException {
        byte[] h = new byte[BLOCK];
        putString(h, 0, 100, name);
        putOctal(h, 100, 8, mode);
        putOctal(h, 108, 8, 0);
        putOctal(h, 116, 8, 0);
        putOctal(h, 124, 12, size);
        putOctal(h, 136, 12, mtime);
        h[156] = (byte) type;
        putString(h, 157, 100, linkName);
        putString(h, 257, 6, "ustar");
        putString(h, 263, 2, "00");
        putString(h, 265, 32, "root");
        putString(h, 297, 32, "root");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        putOctal(h, 148, 7, sum);
        out.write(h);
    }

    /** pax records are {@code "LEN key=value\n"}, where LEN counts the whole record, its own digits included. */
    public static byte[] paxRecords(Map<String, String> values) {
        StringBuilder records = new StringBuilder();
        values.forEach((key, value) -> {
            int rest = utf8(" " + key + "=" + value + "\n").length;
            int length = rest + Integer.toString(rest).length();
            if (Integer.toString(length).length() != Integer.toString(rest).length()) {
                length++;
            }
            records.append(length).append(' ').append(key).append('=').append(value).append('\n');
        });
        return utf8(records.toString());
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /** The longest prefix of {@code value} that fits a 100-byte field without cutting a UTF-8 character. */
    private static String truncate(String value) {
        if (utf8(value).length <= NAME_LENGTH) {
            return value;
        }
        int end = value.length();
        while (utf8(value.substring(0, end)).length > NAME_LENGTH) {
            end = Character.isLowSurrogate(value.charAt(end - 1)) ? end - 2 : end - 1;
        }
        return value.substring(0, end);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(byte[] h, int offset, int length, String value) {
        byte[] bytes = utf8(value);
        if (bytes.length > length) {
            throw new IllegalArgumentException("tar field too long: " + value);
        }
        System.arraycopy(bytes, 0, h, offset, bytes.length);
    }

    /** Zero-padded octal, NUL-terminated, as ustar wants. */
    private static void putOctal(byte[] h, int offset, int length, long value) {
        String octal = Long.toOctalString(value);
        if (octal.length() > length - 1) {
            throw new IllegalArgumentException("tar numeric field overflow: " + value);
        }
        putString(h, offset, length - 1, "0".repeat(length - 1 - octal.length()) + octal);
    }
}
