package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.port.out.ContainerCreationPort;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EnginePort;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.port.out.ImagePort;
import dev.ironbox.core.port.out.LogCollectionPort;
import dev.ironbox.core.port.out.NetworkPort;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ironbox's runtime ports on a Docker engine (API 1.41 or later), through docker-java.
 *
 * <p>{@link #connect()} finds the engine: {@code DOCKER_HOST} when set (it names the engine, as for the {@code docker}
 * CLI: when it does not answer the connection fails naming it, and no other socket is tried); otherwise
 * {@code unix:///var/run/docker.sock}, then {@code ~/.docker/run/docker.sock}, and the first that answers a ping wins. {@link #connect(URI)} uses the given
 * endpoint ({@code unix:///path} or {@code tcp://host:port}; TLS settings come from {@code DOCKER_TLS_VERIFY} and
 * {@code DOCKER_CERT_PATH}).
 *
 * <p>A runtime holds one engine client for its whole life, with a pool of 64 connections and no response timeout
 * (each blocking call bounds its own wait). It is thread-safe: concurrent runs share it. An attach, a wait and an
 * exec each hold a connection while they last, so a sandboxed run holds two while its command runs; the sandbox
 * service runs at most 16 at once ({@code SandboxSettings.maxConcurrentRuns}), leaving half the pool for execs,
 * kills and removals. Whoever connects closes it.
 *
 * <p>Containers are auto-removed only when their spec asks for it; otherwise the caller removes them through
 * {@link #lifecycle()}. A container spec's
 * {@code networkMode} is {@code none} or the name of a network, e.g. one made by {@link #networks()}.
 */
public final class DockerRuntime implements ContainerRuntime {

    /** The runtime id used in configuration and results. */
    public static final String ID = "docker";

    private final URI endpoint;
    private final DockerClient client;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final DockerEngine engine;
    private final DockerImages images;
    private final DockerContainers containers;
    private final DockerLifecycle lifecycle;
    private final DockerLogs logs;
    private final DockerExec exec;
    private final DockerNetworks networks;

    private DockerRuntime(URI endpoint, DockerClients.Connection connection) {
        DockerClient client = connection.client();
        this.endpoint = endpoint;
        this.client = client;
        this.engine = new DockerEngine(client, endpoint);
        this.images = new DockerImages(client, new DockerImport(connection.transport()));
        this.containers = new DockerContainers(client);
        this.lifecycle = new DockerLifecycle(client);
        this.logs = new DockerLogs(client, new DockerHandOver(client, endpoint, connection.tls()));
        this.exec = new DockerExec(client, new HijackedExecStart(endpoint, connection.tls()));
        this.networks = new DockerNetworks(client);
    }

    /**
     * Connects to the Docker engine {@code DOCKER_HOST} names, or when it is unset, to the first that answers.
     *
     * @throws EngineUnavailableException when {@code DOCKER_HOST} is set and does not answer (naming it), or when it
     *     is unset and none answers (naming every place tried and why it failed)
     */
    public static DockerRuntime connect() {
        return open(new DockerEndpoints().discover());
    }

    /**
     * Connects to the Docker engine at {@code endpoint}, e.g. {@code unix:///var/run/docker.sock}.
     *
     * @throws EngineUnavailableException when it does not answer, naming the endpoint and the reason
     */
    public static DockerRuntime connect(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        new DockerEndpoints().require(endpoint);
        return open(endpoint);
    }

    private static DockerRuntime open(URI endpoint) {
        try {
            return new DockerRuntime(endpoint, DockerClients.open(endpoint));
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("cannot set up a Docker client for " + endpoint + ": "
                    + DockerErrors.reason(e), e);
        }
    }

    /** Where the engine was reached. */
    public URI endpoint() {
        return endpoint;
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

    /** Internal bridge networks; their gateway is on this host as soon as they exist (see {@code DockerNetworks}). */
    @Override
    public NetworkPort networks() {
        return networks;
    }

    /** Closes the engine client, ending any stream still open. Idempotent; never throws. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                client.close();
            } catch (IOException | RuntimeException ignored) {
                // nothing more can be done about a client that fails to close
            }
        }
    }

    @Override
    public String toString() {
        return "DockerRuntime[" + endpoint + "]";
    }
}
