package dev.ironbox.core.tar;

import static dev.ironbox.core.tar.TarHeaderFields.isZero;
import static dev.ironbox.core.tar.TarHeaderFields.number;
import static dev.ironbox.core.tar.TarHeaderFields.string;
import static dev.ironbox.core.tar.TarHeaderFields.verifyChecksum;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tar stream entry by entry: ustar (with its name prefix), GNU long names and link targets ({@code L},
 * {@code K}) and pax extended headers ({@code x}, {@code g}: path, linkpath, size) — what GNU tar and busybox tar
 * write. It only parses; deciding what an entry may do is {@link dev.ironbox.core.copy.SafeExtraction}'s job.
 *
 * <p>The archive may come from a hostile sandbox, so what is held in memory is bounded: of pax records only the
 * three keys used are kept, an entry may have at most {@value #MAX_META_HEADERS} metadata headers before it and
 * {@value #MAX_META_BYTES} bytes of metadata in all, and each entry reports the archive bytes its headers took
 * ({@link Entry#headerBytes()}) so the caller can count them against its limit.
 */
public final class TarReader {

    /** One archive member, its name and link target as the archive gives them (unchecked). */
    /** {@code headerBytes}: what the entry took in the archive besides its content (headers and metadata). */
    public record Entry(String name, char type, int mode, long size, long mtime, String linkName, long headerBytes) {

        public boolean isDirectory() {
            return type == '5';
        }

        public boolean isRegularFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        public boolean isSymlink() {
            return type == '2';
        }
    }

    public static final int BLOCK = TarHeaderFields.BLOCK;
    /** Metadata before one entry, all headers together; real names and links need a few KiB at most. */
    static final int MAX_META_BYTES = 64 * 1024;
    /** Metadata headers in a row before an entry; real tars write at most three (g, x, L or K). */
    static final int MAX_META_HEADERS = 8;
    /** The only pax keys we use; others are dropped as they are parsed, so they cannot pile up. */
    private static final Set<String> PAX_KEYS = Set.of("path", "linkpath", "size");

    private final InputStream in;
    private final Map<String, String> globalPax = new HashMap<>();
    private long unreadContent;
    private long unreadPadding;
    private boolean ended;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /**
     * @return the next entry, or {@code null} at the end of the archive
     * @throws IOException when the archive is malformed or ends in the middle of an entry
     */
    public Entry next() throws IOException {
        if (ended) {
            return null;
        }
        skip(unreadContent + unreadPadding);
        unreadContent = 0;
        unreadPadding = 0;
        Map<String, String> pax = new HashMap<>(globalPax); // at most the three kept keys
        String longName = null;
        String longLink = null;
        int metaHeaders = 0;
        long metaBytes = 0;
        long metaPadding = 0;
        while (true) {
            byte[] h = readBlock();
            if (isZero(h)) {
                ended = true;
                return null;
            }
            verifyChecksum(h);
            char type = (char) h[156];
            long size = number(h, 124, 12);
            if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
                if (++metaHeaders > MAX_META_HEADERS) {
                    throw new IOException("the archive has more than " + MAX_META_HEADERS + " extended headers in a "
                            + "row before one entry; refused as hostile");
                }
                if (size < 0 || size > MAX_META_BYTES - metaBytes) {
                    throw new IOException("the archive's extended headers before one entry pass " + MAX_META_BYTES
                            + " bytes; refused as hostile");
                }
                metaBytes += size;
                metaPadding += padding(size);
                String meta = new String(readMeta(size), StandardCharsets.UTF_8);
                switch (type) {
                    case 'L' -> longName = cString(meta);
                    case 'K' -> longLink = cString(meta);
                    case 'x' -> pax.putAll(paxRecords(meta));
                    default -> {
                        globalPax.putAll(paxRecords(meta));
                        pax.putAll(globalPax);
                    }
                }
                continue;
            }
            String name = pax.getOrDefault("path", longName != null ? longName : ustarName(h));
            String link = pax.getOrDefault("linkpath", longLink != null ? longLink : string(h, 157, 100));
            if (pax.containsKey("size")) {
                size = parsePaxSize(pax.get("size"));
            }
            // Links, directories and devices carry no data whatever their size field says.
            boolean hasData = type == '0' || type == '\0' || type == '7';
            unreadContent = hasData ? size : 0;
            unreadPadding = hasData ? padding(size) : 0;
            long headerBytes = (long) BLOCK * (metaHeaders + 1) + metaBytes + metaPadding;
            return new Entry(name, type, (int) number(h, 100, 8), hasData ? size : 0, number(h, 136, 12), link,
                    headerBytes);
        }
    }

    /** The current entry's content; reading past it returns end-of-file. Not to be closed. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (unreadContent == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, unreadContent));
                if (n < 0) {
                    throw new EOFException("the archive ends in the middle of an entry");
                }
                unreadContent -= n;
                return n;
            }
        };
    }

    private String ustarName(byte[] h) {
        String name = string(h, 0, 100);
        // The prefix field exists only in POSIX ustar ("ustar\0"); GNU's "ustar  " keeps other data there.
        boolean posix = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r' && h[262] == 0;
        String prefix = posix ? string(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private byte[] readMeta(long size) throws IOException {
        byte[] meta = in.readNBytes((int) size);
        if (meta.length < size) {
            throw new EOFException("the archive ends in the middle of an extended header");
        }
        skip(padding(size));
        return meta;
    }

    /** pax records: {@code "LEN key=value\n"}, LEN counting the whole record in bytes; only path, linkpath, size. */
    static Map<String, String> paxRecords(String text) throws IOException {
        Map<String, String> values = new HashMap<>();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int position = 0;
        while (position < bytes.length && bytes[position] != 0) {
            int space = position;
            while (space < bytes.length && bytes[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(bytes, position, space - position, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("malformed pax header record", e);
            }
            if (length <= space - position + 1 || position + length > bytes.length || bytes[position + length - 1] != '\n') {
                throw new IOException("malformed pax header record");
            }
            String record = new String(bytes, space + 1, position + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals <= 0) {
                throw new IOException("malformed pax header record: " + record);
            }
            String key = record.substring(0, equals);
            if (PAX_KEYS.contains(key)) {
                values.put(key, record.substring(equals + 1));
            }
            position += length;
        }
        return values;
    }

    private static long parsePaxSize(String value) throws IOException {
        try {
            long size = Long.parseLong(value);
            if (size < 0) {
                throw new IOException("negative size in a pax header");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("malformed size in a pax header: " + value, e);
        }
    }

    private byte[] readBlock() throws IOException {
        byte[] block = in.readNBytes(BLOCK);
        if (block.length == 0) {
            // A tar killed between entries stops here; a whole archive always has its end block.
            throw new EOFException("the archive ends before its end-of-archive block");
        }
        if (block.length < BLOCK) {
            throw new EOFException("the archive ends in the middle of a header");
        }
        return block;
    }

    private void skip(long count) throws IOException {
        long left = count;
        byte[] buffer = new byte[8192];
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the archive ends in the middle of an entry");
            }
            left -= n;
        }
    }

    private static String cString(String value) {
        int nul = value.indexOf('\0');
        return nul < 0 ? value : value.substring(0, nul);
    }

    private static long padding(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }
}
