package dev.ironbox.mcp.tools;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command's output as MCP progress notifications, for a call that carried a progress token: progress is the bytes
 * seen so far (strictly increasing), the message the text that arrived since the last notification (stderr's marked
 * {@code stderr: }). Notifications are coalesced to at most one per {@link #INTERVAL_NANOS}, so a chatty command
 * cannot flood the client; a chunk held back is sent when its window ends (on the {@link ProgressTimer}), not when
 * the next chunk comes; {@link #finish()} sends what is left, before the call's result, and after it nothing is sent.
 * Chunks come on core's output thread, flushes on the timer's, {@link #finish()} on the call's: methods are
 * synchronized. A notification that cannot be sent is dropped: progress is a courtesy, the result carries the output.
 */
final class OutputProgress implements Consumer<OutputChunk> {

    private static final Logger LOG = LoggerFactory.getLogger(OutputProgress.class);

    /** At most ten notifications a second. */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** The most text one notification carries; the rest of a flood is left to the result. */
    static final int MAX_MESSAGE_CHARS = 16 * 1024;

    private final Object token;
    private final Consumer<ProgressNotification> sender;
    private final LongSupplier nanoClock;
    private final ProgressTimer timer;
    private final Map<StreamType, byte[]> partial = new EnumMap<>(StreamType.class);
    private final StringBuilder pending = new StringBuilder();
    private long bytesSeen;
    private long bytesSent;
    private long lastSentNanos;
    private boolean sentAny;
    private boolean finished;
    private boolean flushScheduled;

    OutputProgress(Object token, Consumer<ProgressNotification> sender, LongSupplier nanoClock, ProgressTimer timer) {
        this.token = token;
        this.sender = sender;
        this.nanoClock = nanoClock;
        this.timer = timer;
    }

    @Override
    public synchronized void accept(OutputChunk chunk) {
        if (chunk.length() == 0 || finished) {
            return; // after the result, a notification would arrive too late to mean anything
        }
        bytesSeen += chunk.length();
        String text = decode(chunk.stream(), chunk.bytes());
        if (!text.isEmpty() && pending.length() < MAX_MESSAGE_CHARS) {
            pending.append(chunk.stream() == StreamType.STDERR ? "stderr: " : "").append(text);
        }
        long now = nanoClock.getAsLong();
        if (!sentAny || now - lastSentNanos >= INTERVAL_NANOS) {
            send(now);
        } else if (!flushScheduled) {
            flushScheduled = true;
            timer.schedule(this::flush, lastSentNanos + INTERVAL_NANOS - now);
        }
    }

    /** On the timer: sends what is held once its window has ended (a send since may have moved the window on). */
    private synchronized void flush() {
        flushScheduled = false;
        if (finished || bytesSeen == bytesSent) {
            return;
        }
        long now = nanoClock.getAsLong();
        long wait = lastSentNanos + INTERVAL_NANOS - now;
        if (wait > 0) {
            flushScheduled = true;
            timer.schedule(this::flush, wait);
        } else {
            send(now);
        }
    }

    /** Sends what arrived since the last notification and stops the timer; the call's result follows. */
    void finish() {
        synchronized (this) {
            finished = true;
            if (bytesSeen > bytesSent) {
                send(nanoClock.getAsLong());
            }
        }
        timer.close(); // outside the lock: a flush waiting for it finds the progress finished and returns
    }

    private void send(long now) {
        String message = pending.length() > MAX_MESSAGE_CHARS
                ? pending.substring(0, MAX_MESSAGE_CHARS) + " [more in the result]" : pending.toString();
        pending.setLength(0);
        bytesSent = bytesSeen;
        lastSentNanos = now;
        sentAny = true;
        try {
            sender.accept(ProgressNotification.builder(token, bytesSeen).message(message).build());
        } catch (RuntimeException e) {
            LOG.debug("could not send a progress notification; the result will carry the output", e);
        }
    }

    /**
     * The chunk's text, with a character split across chunks of the same stream carried over to the next one (core
     * delivers raw bytes); bytes that are not UTF-8 become replacement characters.
     */
    private String decode(StreamType stream, byte[] bytes) {
        byte[] carried = partial.getOrDefault(stream, new byte[0]);
        byte[] all = Arrays.copyOf(carried, carried.length + bytes.length);
        System.arraycopy(bytes, 0, all, carried.length, bytes.length);
        int complete = completeLength(all);
        partial.put(stream, Arrays.copyOfRange(all, complete, all.length));
        return new String(all, 0, complete, StandardCharsets.UTF_8);
    }

    /** How many leading bytes end on a character boundary: a trailing, unfinished multi-byte sequence is left out. */
    static int completeLength(byte[] bytes) {
        for (int back = 1; back <= Math.min(4, bytes.length); back++) {
            int b = bytes[bytes.length - back] & 0xff;
            if ((b & 0xc0) != 0x80) { // a lead byte (or ASCII): how long is its sequence?
                int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
                return needed > back ? bytes.length - back : bytes.length;
            }
        }
        return bytes.length; // only continuation bytes: not UTF-8 anyway, let the decoder replace them
    }
}
