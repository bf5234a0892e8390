package dev.ironbox.core.port.out;

/**
 * One container engine, as the ports the sandbox service needs. An adapter's public entry class implements this;
 * it holds one engine client for its whole life (never one per run) and releases it in {@link #close()}.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** Stable id used in configuration and results: {@code docker}, {@code podman}, or a third party's. */
    String id();

    EnginePort engine();

    ImagePort images();

    ContainerCreationPort containers();

    ContainerLifecyclePort lifecycle();

    LogCollectionPort logs();

    ExecPort exec();

    /** Releases the engine client. Idempotent; never throws. */
    @Override
    void close();
}
