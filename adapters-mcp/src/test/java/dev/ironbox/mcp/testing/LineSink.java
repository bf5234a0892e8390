package dev.ironbox.mcp.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The client's side of a server's output: each complete line, in order, to be taken; and everything ever written. */
public final class LineSink extends OutputStream {

    /** Long enough for a loaded 2-core machine; a test that waits this long has failed. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream everything = new ByteArrayOutputStream();
    private ByteArrayOutputStream line = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        everything.write(b);
        if (b == '\n') {
            lines.add(line.toString(StandardCharsets.UTF_8));
            line = new ByteArrayOutputStream();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** The next line written, waiting for it; fails when none comes. */
    public String take() throws InterruptedException {
        String next = lines.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the server wrote no line in " + PATIENCE);
        }
        return next;
    }

    /** The next line written, or null when none comes within {@code wait}. */
    public String poll(Duration wait) throws InterruptedException {
        return lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything written so far, as lines (a last line without its newline included). */
    public synchronized List<String> everything() {
        String all = everything.toString(StandardCharsets.UTF_8);
        List<String> result = new ArrayList<>(List.of(all.split("\n", -1)));
        if (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
            result.remove(result.size() - 1);
        }
        return result;
    }
}
