package dev.ironbox.core.run;

import dev.ironbox.core.model.RunResult;
import java.util.concurrent.CompletableFuture;

/**
 * A run's result, and the removal of its container: already complete when the run removed it before returning (a
 * timeout, an interrupt), else queued on {@link Removals}, off the caller's critical path.
 */
public record Finished(RunResult result, CompletableFuture<Void> removal) {

    /** A result whose container is gone already. */
    public static Finished removed(RunResult result) {
        return new Finished(result, CompletableFuture.completedFuture(null));
    }
}
