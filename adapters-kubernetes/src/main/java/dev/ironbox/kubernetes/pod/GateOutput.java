package dev.ironbox.kubernetes.pod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's stdout as the attach receives it while the gate answers pings: it holds back everything until the
 * gate's {@link PodNames#READY} marker of the last ping sent before "go" ({@link #releasedAfter}), drops it and all
 * before it (the gate's answers; the command writes only after "go", and the gate answers every ping read before
 * "go" in order, so nothing of the command's can come before that marker), then passes everything through. A marker
 * seen at all ({@link #awaitMarker}) proves the attach's stdout is connected. fabric8 writes on its own thread, the
 * start waits and releases on its own: the state is guarded by this object.
 */
final class GateOutput extends OutputStream {

    private static final byte[] READY = PodNames.READY.getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final CountDownLatch marker = new CountDownLatch(1);
    /** The gate's lines not yet matched (a line may come in pieces). */
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    /** The ping whose marker ends the gate's output; 0 until "go" is about to be sent. */
    private long last;
    /** The highest ping answered so far. */
    private long seen;
    private boolean passing;

    GateOutput(OutputStream out) {
        this.out = out;
    }

    /** Waits at most {@code millis} for any marker. */
    boolean awaitMarker(long millis) throws InterruptedException {
        return marker.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Called before "go" is written: ping {@code lastPing}'s marker is the gate's last line. */
    void releasedAfter(long lastPing) throws IOException {
        byte[] rest;
        synchronized (this) {
            last = lastPing;
            // its marker may have come already (then only what the command writes follows)
            passing = seen >= last;
            rest = passing ? drain() : scan();
        }
        forward(rest);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        byte[] rest;
        synchronized (this) {
            if (passing) {
                rest = Arrays.copyOfRange(bytes, offset, offset + length);
            } else {
                held.write(bytes, offset, length);
                rest = scan();
            }
        }
        forward(rest);
    }

    private void forward(byte[] bytes) throws IOException {
        if (bytes.length > 0) {
            out.write(bytes, 0, bytes.length);
        }
    }

    /** Drops the held whole lines up to the last marker; what follows it, once passing, is the command's. */
    private byte[] scan() {
        byte[] bytes = held.toByteArray();
        int start = 0;
        for (int end = indexOf(bytes, start); end >= 0 && !passing; end = indexOf(bytes, start)) {
            long ping = ping(Arrays.copyOfRange(bytes, start, end));
            start = end + 1;
            if (ping > 0) {
                seen = Math.max(seen, ping);
                marker.countDown();
                passing = last > 0 && seen >= last;
            }
        }
        held.reset();
        if (passing) {
            return Arrays.copyOfRange(bytes, start, bytes.length);
        }
        held.write(bytes, start, bytes.length - start);
        return new byte[0];
    }

    private byte[] drain() {
        byte[] bytes = held.toByteArray();
        held.reset();
        return bytes;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The ping a marker line answers, or 0 for another line (the tail of one cut when the attach connected). The
     * marker is searched from its last start: a line cut in front still counts when its marker is whole.
     */
    private static long ping(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII);
        int at = text.lastIndexOf(PodNames.READY);
        if (at < 0) {
            return 0;
        }
        String number = text.substring(at + READY.length);
        if (number.isEmpty() || number.length() > 18 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Long.parseLong(number);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
