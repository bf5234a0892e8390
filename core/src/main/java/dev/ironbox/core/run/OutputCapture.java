package dev.ironbox.core.run;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.util.function.Consumer;

/**
 * Captures stdout and stderr within one byte budget shared by both. A stream that needs less than half leaves the
 * rest to the other, so an empty stderr does not waste its share. Thread-safe.
 */
final class OutputCapture implements Consumer<OutputChunk> {

    private static final StreamCapture.MarkerText MARKER =
            dropped -> "\n[... ironbox: " + dropped + " bytes truncated ...]\n";

    private final long budget;
    private final StreamCapture stdout;
    private final StreamCapture stderr;

    OutputCapture(long budget) {
        this.budget = budget;
        // Either stream may end up with the whole budget (when the other is empty), so each keeps enough for that.
        int half = (int) (budget / 2);
        int rest = (int) (budget - half);
        this.stdout = new StreamCapture(half, rest);
        this.stderr = new StreamCapture(half, rest);
    }

    @Override
    public synchronized void accept(OutputChunk chunk) {
        (chunk.stream() == StreamType.STDOUT ? stdout : stderr).append(chunk.bytes());
    }

    synchronized Captured finish() {
        long out = stdout.total();
        long err = stderr.total();
        long outShare = Math.min(out, Math.max(budget - err, budget / 2));
        long errShare = Math.min(err, budget - outShare);
        StreamCapture.Rendered o = stdout.render(outShare, MARKER);
        StreamCapture.Rendered e = stderr.render(errShare, MARKER);
        return new Captured(o.text(), e.text(), o.droppedBytes(), e.droppedBytes());
    }

    record Captured(String stdout, String stderr, long stdoutDropped, long stderrDropped) {}
}
