package dev.ironbox.app;

import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EgressProxyPort;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A sandbox that owns its runtime and its egress proxy: {@link #close()} removes the containers and networks still in
 * use, then stops the proxy, then releases the engine client. Idempotent, never throws, safe from a shutdown hook.
 */
final class RuntimeOwningSandbox implements Sandbox {

    private final Sandbox service;
    private final EgressProxyPort proxy;
    private final ContainerRuntime runtime;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A sandbox without egress proxy. */
    RuntimeOwningSandbox(Sandbox service, ContainerRuntime runtime) {
        this(service, null, runtime);
    }

    /** @param proxy null for none */
    RuntimeOwningSandbox(Sandbox service, EgressProxyPort proxy, ContainerRuntime runtime) {
        this.service = service;
        this.proxy = proxy;
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
                try {
                    if (proxy != null) {
                        proxy.close();
                    }
                } finally {
                    runtime.close();
                }
            }
        }
    }
}
