package dev.ironbox.core.port.in;

/**
 * A sandbox service bound to one runtime, as driving adapters (the CLI, embedders) see it. Thread-safe.
 * {@link #close()} kills and removes every container it still runs (runs, and sessions it started attached) and
 * releases the engine client.
 */
public interface Sandbox extends RunCommandUseCase, SessionUseCase, FileCopyUseCase, ImageUseCase,
        InventoryUseCase, AutoCloseable {

    /** The runtime id this sandbox runs on ({@code docker}, ...). */
    String runtimeId();

    /** Never throws. */
    @Override
    void close();
}
