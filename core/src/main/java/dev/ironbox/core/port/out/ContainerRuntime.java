package dev.ironbox.core.port.out;

import java.util.List;

/**
 * One container engine, as the ports the sandbox service needs. An adapter's public entry class implements this;
 * it holds one engine client for its whole life (never one per run) and releases it in {@link #close()}.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** Stable id used in configuration and results: {@code docker}, {@code podman}, or a third party's. */
    String id();

    /** The engine itself: reachability, version, capacity, which limits it enforces. */
    EnginePort engine();

    /** Images: inspect, pull, build, list, remove. */
    ImagePort images();

    /** Creating containers from a {@code ContainerSpec}. */
    ContainerCreationPort containers();

    /** Starting, waiting for, stopping, inspecting, listing and removing containers. */
    ContainerLifecyclePort lifecycle();

    /** A started container's stdout and stderr, as they arrive. */
    LogCollectionPort logs();

    /** Running a command in a running container (sessions, copies). */
    ExecPort exec();

    /**
     * Internal networks, for runs that may reach the egress proxy. A runtime without them cannot run such a run.
     *
     * @throws dev.ironbox.core.error.ContainerFailureException when this runtime has no network support
     */
    default NetworkPort networks() {
        throw new dev.ironbox.core.error.ContainerFailureException("runtime " + id() + " has no sandbox networks; "
                + "it can only run sandboxes without network access");
    }

    /**
     * Removes what owners that are provably gone left on the engine, where the engine itself keeps owners (Kubernetes:
     * the instance Leases whose renewal lapsed; their pods and policies go with them). {@code ironbox cleanup} calls it
     * on every runtime before it looks for orphans. Default: nothing to do.
     *
     * @return one line per owner removed, for the report
     * @throws ContainerFailureException when the engine cannot be asked
     */
    default List<String> reapExpiredOwners() {
        return List.of();
    }
    /** Releases the engine client. Idempotent; never throws. */
    @Override
    void close();
}
