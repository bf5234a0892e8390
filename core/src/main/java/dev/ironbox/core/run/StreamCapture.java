package dev.ironbox.core.run;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the first {@code headCapacity} bytes of one stream and the last {@code tailCapacity} bytes after them,
 * counting everything. Memory stays bounded however much the command writes. Not thread-safe.
 */
final class StreamCapture {

    private final int headCapacity;
    private final ByteArrayOutputStream head;
    private final byte[] tail;
    private int tailStart;
    private int tailLength;
    private long total;

    StreamCapture(int headCapacity, int tailCapacity) {
        this.headCapacity = headCapacity;
        this.head = new ByteArrayOutputStream(Math.min(headCapacity, 8192));
        this.tail = new byte[tailCapacity];
    }

    void append(byte[] bytes) {
        total += bytes.length;
        int toHead = Math.min(headCapacity - head.size(), bytes.length);
        head.write(bytes, 0, toHead);
        for (int i = toHead; i < bytes.length; i++) {
            appendToTail(bytes[i]);
        }
    }

    private void appendToTail(byte b) {
        if (tail.length == 0) {
            return;
        }
        int end = (tailStart + tailLength) % tail.length;
        tail[end] = b;
        if (tailLength < tail.length) {
            tailLength++;
        } else {
            tailStart = (tailStart + 1) % tail.length;
        }
    }

    long total() {
        return total;
    }

    /**
     * Renders at most {@code share} bytes: everything when it fits, else a head and a tail cut on UTF-8 character
     * boundaries around {@code marker}.
     */
    Rendered render(long share, MarkerText marker) {
        byte[] headBytes = head.toByteArray();
        byte[] tailBytes = tailBytes();
        if (total <= share) {
            // one decode: a character may straddle the head/tail seam
            byte[] whole = java.util.Arrays.copyOf(headBytes, headBytes.length + tailBytes.length);
            System.arraycopy(tailBytes, 0, whole, headBytes.length, tailBytes.length);
            return new Rendered(decode(whole, whole.length), 0);
        }
        int headCut = Utf8.boundaryAtOrBefore(headBytes, (int) Math.min(headBytes.length, share / 2));
        int tailWanted = (int) Math.min(tailBytes.length, share - share / 2);
        int tailFrom = Utf8.boundaryAtOrAfter(tailBytes, tailBytes.length - tailWanted);
        long kept = headCut + (tailBytes.length - tailFrom);
        long dropped = total - kept;
        String text = decode(headBytes, headCut) + marker.forDropped(dropped)
                + new String(tailBytes, tailFrom, tailBytes.length - tailFrom, StandardCharsets.UTF_8);
        return new Rendered(text, dropped);
    }

    private byte[] tailBytes() {
        byte[] out = new byte[tailLength];
        for (int i = 0; i < tailLength; i++) {
            out[i] = tail[(tailStart + i) % tail.length];
        }
        return out;
    }

    private static String decode(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    record Rendered(String text, long droppedBytes) {}

    /** Text placed where bytes were dropped. */
    interface MarkerText {
        String forDropped(long droppedBytes);
    }
}
