package dev.ironbox.app;

import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A sandbox that owns its runtime: {@link #close()} removes the containers still running, then releases the engine
 * client. Idempotent, never throws, safe from a shutdown hook.
 */
final class RuntimeOwningSandbox implements Sandbox {

    private final Sandbox service;
    private final ContainerRuntime runtime;
    private final AtomicBoolean closed = new AtomicBoolean();

    RuntimeOwningSandbox(Sandbox service, ContainerRuntime runtime) {
        this.service = service;
        this.runtime = runtime;
    }

    @Override
    public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        return service.run(request, live);
    }

    @Override
    public RunResult exec(ExecRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        return service.exec(request, live);
    }

    @Override
    public String runtimeId() {
        return service.runtimeId();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                service.close();
            } finally {
                runtime.close();
            }
        }
    }
}
