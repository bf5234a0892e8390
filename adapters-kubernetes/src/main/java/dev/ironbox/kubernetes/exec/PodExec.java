package dev.ironbox.kubernetes.exec;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.ExecPort;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** STUB of the foundation: replaced by the helper that owns it. */
public final class PodExec implements ExecPort {

    public PodExec(dev.ironbox.kubernetes.cluster.Cluster cluster) {}

    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout) {
        throw new UnsupportedOperationException("not built yet");
    }
}
