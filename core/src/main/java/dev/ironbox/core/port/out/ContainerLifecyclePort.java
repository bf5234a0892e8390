package dev.ironbox.core.port.out;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExitStatus;
import java.time.Duration;
import dev.ironbox.core.model.ContainerSummary;
import java.util.List;
import java.util.Optional;

/** Starts, waits for, kills, removes and lists containers. Thread-safe. */
public interface ContainerLifecyclePort {

    /**
     * Starts a created container.
     *
     * @throws ContainerFailureException when the engine cannot start it; when the command does not exist or is not
     *     executable the exception message says so (the service maps it to exit code 127 or 126)
     */
    void start(ContainerId id);

    /**
     * Waits until the container stops, at most {@code timeout}.
     *
     * @return its exit status (with the OOM flag), or empty when the timeout passed first
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    Optional<ExitStatus> awaitExit(ContainerId id, Duration timeout) throws InterruptedException;

    /** Sends SIGKILL to the container; a container that is not running is not an error. */
    void kill(ContainerId id);

    /** Force-removes the container and its anonymous volumes; an already-gone container is not an error. */
    void remove(ContainerId id);

    /** Ids of every container, running or not, that carries label {@code key=value}. */
    List<ContainerId> listByLabel(String key, String value);

    /**
     * Every container, running or not, that carries label {@code key=value}, with its name, image, command, creation
     * time, state and labels ({@code ironbox ps}, {@code ironbox cleanup}, finding a session).
     *
     * @throws ContainerFailureException when the engine cannot list them, or this runtime cannot describe containers
     */
    default List<ContainerSummary> describeByLabel(String key, String value) {
        throw new ContainerFailureException("this runtime cannot describe its containers");
    }
}
