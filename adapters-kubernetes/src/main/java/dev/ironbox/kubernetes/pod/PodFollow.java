package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A follow registered on a created pod: the sink the start's attach delivers to, and the end of that attach. Its end
 * is the attach stream's end (fabric8 delivers every chunk before it reports the close), or the start's failure (no
 * output will come), or {@link #close}; or the attach broke ({@link #broke}): then {@link #awaitEnd} throws, as the
 * Docker adapter's follow does, so output cut short is never taken for the whole output. Thread-safe.
 */
final class PodFollow implements LogFollow {

    private final Consumer<OutputChunk> sink;
    private final String pod;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private ExecWatch attach;
    private boolean closed;

    PodFollow(String pod, Consumer<OutputChunk> sink) {
        this.pod = pod;
        this.sink = sink;
    }

    Consumer<OutputChunk> sink() {
        return sink;
    }

    /** Holds {@code watch} until {@link #close}; a follow closed meanwhile closes it at once. */
    void attached(ExecWatch watch) {
        boolean close;
        synchronized (this) {
            close = closed;
            attach = watch;
        }
        if (close) {
            watch.close();
        }
    }

    /** The attach stream ended, or will never start: {@link #awaitEnd} returns. */
    void end() {
        ended.complete(null);
    }

    /**
     * The attach failed before the container's streams ended (the connection to the API server broke): what the
     * command wrote after that is lost. After {@link #close} a failure is the close's, not a loss.
     */
    void broke(Throwable cause) {
        synchronized (this) {
            if (closed) {
                ended.complete(null);
                return;
            }
        }
        ended.completeExceptionally(cause);
    }

    /**
     * @throws ContainerFailureException when the attach broke before the container's streams ended
     */
    @Override
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        try {
            ended.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new ContainerFailureException("the output of pod " + pod + " is incomplete: its attach broke"
                    + " before the container ended: " + oneLine(cause), cause);
        }
    }

    private static String oneLine(Throwable cause) {
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public void close() {
        ExecWatch watch;
        synchronized (this) {
            closed = true;
            watch = attach;
        }
        if (watch != null) {
            try {
                watch.close();
            } catch (RuntimeException e) {
                // closing a connection that broke: nothing is left to release
            }
        }
        end();
    }
}
