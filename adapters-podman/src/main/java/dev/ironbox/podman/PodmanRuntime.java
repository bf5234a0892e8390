package dev.ironbox.podman;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.port.out.ContainerCreationPort;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EnginePort;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.port.out.ImagePort;
import dev.ironbox.core.port.out.LogCollectionPort;
import dev.ironbox.core.port.out.NetworkPort;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ironbox's runtime ports on a Podman engine (4.0 or later), through its native libpod REST API over a unix socket.
 *
 * <p>{@link #connect()} finds the engine: {@code CONTAINER_HOST} when set (a {@code unix://} address; it names the
 * engine, so when it does not answer the connection fails naming it, and no other socket is tried); otherwise
 * {@code $XDG_RUNTIME_DIR/podman/podman.sock} (a rootless user's service), then {@code /run/podman/podman.sock}
 * (root's), and the first that answers a ping as libpod 4.0.0 or later wins. {@link #connect(URI)} uses the given
 * {@code unix:///path}. Remote ({@code tcp://}, {@code ssh://}) engines are refused.
 *
 * <p>A runtime holds one client for its whole life, with a pool of 64 connections and no response timeout (each
 * blocking call bounds its own wait, on the runtime's daemon threads). It is thread-safe: concurrent runs share it.
 * A following log and a wait each hold a connection while a command runs, so a sandboxed run holds two. An exec with
 * standard input opens a unix-socket connection of its own, outside the pool, for as long as it runs. A Podman
 * service started by socket activation exits when idle: reads, deletes, start, kill and wait are retried once on a
 * fresh connection; creations are not. Whoever connects closes it.
 *
 * <p>Containers are auto-removed only when their spec says so (conmon removes them as they stop); otherwise the
 * caller removes them through {@link #lifecycle()}. A container spec's
 * {@code networkMode} is {@code none} or the name of a network, e.g. one made by {@link #networks()}. Rootless
 * Podman on cgroups v1 cannot enforce resource limits, and {@link EnginePort#probe()} says so; Ironbox then refuses to
 * run.
 */
public final class PodmanRuntime implements ContainerRuntime {

    /** The runtime id used in configuration and results. */
    public static final String ID = "podman";

    private final LibpodClient client;
    private final Background background = new Background();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PodmanEngine engine;
    private final PodmanImages images;
    private final PodmanContainers containers;
    private final PodmanLifecycle lifecycle;
    private final PodmanLogs logs;
    private final PodmanExec exec;
    private final PodmanNetworks networks;

    private PodmanRuntime(LibpodClient client) {
        this.client = client;
        this.engine = new PodmanEngine(client);
        this.images = new PodmanImages(client, background);
        StderrTails stderrTails = new StderrTails();
        this.lifecycle = new PodmanLifecycle(client, background, stderrTails);
        this.containers = new PodmanContainers(client, lifecycle, SeccompProfileFiles.forCurrentUser());
        this.logs = new PodmanLogs(client, background, stderrTails);
        this.exec = new PodmanExec(client, background);
        this.networks = new PodmanNetworks(client);
    }

    /**
     * Connects to the Podman engine {@code CONTAINER_HOST} names, or when it is unset, to the first that answers.
     *
     * @throws EngineUnavailableException when {@code CONTAINER_HOST} is set and does not answer (naming it), or when
     *     it is unset and none answers (naming every place tried and why it failed)
     */
    public static PodmanRuntime connect() {
        return open(new PodmanEndpoints().discover());
    }

    /**
     * Connects to the Podman engine at {@code endpoint}, e.g. {@code unix:///run/podman/podman.sock}.
     *
     * @throws EngineUnavailableException when it does not answer as Podman 4.0 or later, naming it and the reason
     */
    public static PodmanRuntime connect(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        new PodmanEndpoints().require(endpoint);
        return open(endpoint);
    }

    private static PodmanRuntime open(URI endpoint) {
        try {
            return new PodmanRuntime(LibpodClient.open(endpoint));
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("cannot set up a Podman client for " + endpoint + ": "
                    + Errors.reason(e), e);
        }
    }

    /** Where the engine was reached. */
    public URI endpoint() {
        return client.endpoint();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EnginePort engine() {
        return engine;
    }

    @Override
    public ImagePort images() {
        return images;
    }

    @Override
    public ContainerCreationPort containers() {
        return containers;
    }

    @Override
    public ContainerLifecyclePort lifecycle() {
        return lifecycle;
    }

    @Override
    public LogCollectionPort logs() {
        return logs;
    }

    @Override
    public ExecPort exec() {
        return exec;
    }

    /**
     * Internal bridge networks on an explicit subnet, each with an anchor pod that keeps its gateway on the host (see
     * {@code PodmanNetworks}). Rootful Podman only: a rootless engine's networks live in its own namespace, so their
     * gateway is not a host address and creation fails saying so.
     */
    @Override
    public NetworkPort networks() {
        return networks;
    }

    /** Closes the client, ending every stream and wait still open, and stops the runtime's threads. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
            background.close();
        }
    }

    @Override
    public String toString() {
        return "PodmanRuntime[" + client.endpoint() + "]";
    }
}
