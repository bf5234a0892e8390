package dev.ironbox.core.run;

import dev.ironbox.core.model.OutputChunk;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds every chunk to the capture, then to the caller's consumer; a failing consumer cannot lose the capture. */
final class LiveOutput implements Consumer<OutputChunk> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveOutput.class);

    private final OutputCapture capture;
    private final Consumer<OutputChunk> live;
    private volatile boolean liveFailed;

    LiveOutput(OutputCapture capture, Consumer<OutputChunk> live) {
        this.capture = capture;
        this.live = live;
    }

    /** Synchronized: FullAccess delivers stdout and stderr from two threads; a caller's consumer need not be. */
    @Override
    public synchronized void accept(OutputChunk chunk) {
        capture.accept(chunk);
        if (liveFailed) {
            return;
        }
        try {
            live.accept(chunk);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            liveFailed = true;
            LOG.warn("the live output consumer failed; output is still captured in the result", e);
        }
    }
}
