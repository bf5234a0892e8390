package dev.ironbox.core.model;

import java.time.Duration;
import org.immutables.value.Value;

/** What a command did. A non-zero exit, a timeout and an OOM kill are outcomes here, not exceptions. */
@Value.Immutable
public abstract class RunResultDef {

    /** The command's exit code; after a timeout, the code the kill produced (usually 137). */
    public abstract int exitCode();

    /** Standard output, within the output budget, cut on UTF-8 boundaries around a marker when too long. */
    public abstract String stdout();

    /** Standard error, within the output budget, cut as {@link #stdout()} is. */
    public abstract String stderr();

    /**
     * The command's own time: from its start (the engine started it) until it ended and its output was read; creating
     * and removing the container are not included. About the timeout for a timed-out command.
     */
    public abstract Duration duration();

    /**
     * The command still ran at its deadline (counted from its start) and was killed; never true for a command that
     * ended on its own, also when its end raced the deadline.
     */
    public abstract boolean timedOut();

    /** The kernel's OOM killer ended the command. */
    public abstract boolean oomKilled();

    /** Bytes of stdout left out to keep within the output budget; 0 when none. */
    public abstract long stdoutBytesDropped();

    /** Bytes of stderr left out to keep within the output budget; 0 when none. */
    public abstract long stderrBytesDropped();

    /** Runtime id that ran the command ({@code docker}, {@code podman}, {@code host} for FullAccess). */
    public abstract String runtime();

    /** The image the command ran in, as requested (for FullAccess, the request's image, though the host ran it). */
    public abstract String image();

    /** The policy the command ran under. */
    public abstract SandboxPolicy policy();

    /** Every decision the egress proxy made for this run, in order (empty without network access). */
    public abstract java.util.List<dev.ironbox.core.model.egress.NetworkEvent> network();

    /** Whether the command ran in a warm sandbox of the pool (created before the run) rather than one made for it. */
    @Value.Default
    public boolean pooled() {
        return false;
    }

    /**
     * How long each phase of the run took, in the order they happened; a phase not on the run's path (off the
     * caller's critical path, such as a removal done in the background) is absent. Empty for a host run.
     */
    public abstract java.util.Map<RunPhase, Duration> timings();

    /** Whether any output was left out ({@link #stdoutBytesDropped()} or {@link #stderrBytesDropped()} above 0). */
    @Value.Derived
    public boolean truncated() {
        return stdoutBytesDropped() > 0 || stderrBytesDropped() > 0;
    }

    /** stdout and stderr together, as the seed shows them. */
    public String combinedOutput() {
        if (stdout().isEmpty()) {
            return stderr();
        }
        if (stderr().isEmpty()) {
            return stdout();
        }
        return stdout() + "\n\n--- stderr ---\n" + stderr();
    }
}
