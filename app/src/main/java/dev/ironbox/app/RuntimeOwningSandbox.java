package dev.ironbox.app;

import dev.ironbox.core.port.in.ForwardingSandbox;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EgressProxyPort;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sandbox that owns its runtime and its egress proxy: {@link #close()} removes the containers and networks still in
 * use, then stops the proxy, then releases the engine client. Idempotent, never throws, safe from a shutdown hook.
 */
final class RuntimeOwningSandbox extends ForwardingSandbox {

    private final EgressProxyPort proxy;
    private final ContainerRuntime runtime;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A sandbox without egress proxy. */
    RuntimeOwningSandbox(Sandbox service, ContainerRuntime runtime) {
        this(service, null, runtime);
    }

    /** @param proxy null for none */
    RuntimeOwningSandbox(Sandbox service, EgressProxyPort proxy, ContainerRuntime runtime) {
        super(service);
        this.proxy = proxy;
        this.runtime = runtime;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                delegate().close();
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
