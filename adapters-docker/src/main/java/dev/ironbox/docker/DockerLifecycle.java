package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.WaitResponse;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import dev.ironbox.enginestreams.Timeouts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ContainerLifecyclePort} on Docker. */
final class DockerLifecycle implements ContainerLifecyclePort {

    /** The exit code of a container whose init died of SIGKILL: 128 + 9. */
    private static final int SIGKILLED = 137;
    /** How long Docker may take to record an OOM kill after it reported the container's exit. */
    static final Duration OOM_FLAG_WAIT = Duration.ofSeconds(2);

    private final DockerClient client;
    private final DockerContainerDescriptions descriptions;
    private final ExternalStops stops;
    private final DockerOomEvents oomEvents;
    /** Containers this runtime killed and has not removed: their 137 is Ironbox's kill, not the OOM killer's. */
    private final Set<String> killed = ConcurrentHashMap.newKeySet();

    DockerLifecycle(DockerClient client) {
        this.client = client;
        this.descriptions = new DockerContainerDescriptions(client);
        this.stops = new ExternalStops(client);
        this.oomEvents = new DockerOomEvents(client);
    }

    @Override
    public void start(ContainerId id) {
        try {
            client.startContainerCmd(id.value()).exec();
        } catch (NotModifiedException alreadyStarted) {
            // started before: nothing to do
        } catch (RuntimeException e) {
            // the engine's message stays verbatim; whether the command itself could not start is typed
            ContainerFailureException failure = DockerErrors.container("cannot start container " + id, e);
            throw new ContainerFailureException(failure.getMessage(), e, DockerStartFailures.classify(e));
        }
    }

    @Override
    public Optional<ExitStatus> awaitExit(ContainerId id, Duration timeout) throws InterruptedException {
        Integer code;
        try (WaitCallback callback = new WaitCallback()) {
            try {
                client.waitContainerCmd(id.value()).exec(callback);
            } catch (RuntimeException e) {
                throw DockerErrors.container("cannot wait for container " + id, e);
            }
            if (!callback.await(timeout)) {
                return Optional.empty();
            }
            Optional<Throwable> failure = callback.failure();
            if (failure.isPresent()) {
                throw DockerErrors.container("cannot wait for container " + id, failure.get());
            }
            code = callback.statusCode;
        }
        if (code == null) {
            throw new ContainerFailureException("waiting for container " + id + " ended without an exit status");
        }
        stops.requireNotStopped(id, code, "the command"); // a daemon shutting down stops it: not its own exit
        return Optional.of(new ExitStatus(code, oomKilled(id, code)));
    }

    /**
     * Whether the kernel's OOM killer ended the container. Docker 20.10 may handle a container's exit before its OOM
     * event ({@code docker events} shows {@code die} before {@code oom}): the wait then returns before
     * {@code State.OOMKilled} is set, and sometimes it is never set. So an exit that looks like one (SIGKILL's 137,
     * under a memory limit, and not killed through this runtime) is checked again, in the state and in the daemon's
     * event log ({@link DockerOomEvents}), for up to {@link #OOM_FLAG_WAIT}. When Docker recorded neither (its OOM
     * notice can be lost), the kernel's is the only SIGKILL left unless one was sent through the engine: it is an OOM
     * kill then, as on Podman 4. A command that SIGKILLs itself is misreported so, after that wait.
     */
    private boolean oomKilled(ContainerId id, int code) throws InterruptedException {
        InspectContainerResponse inspected = inspect(id);
        if (oomFlag(inspected) || code != SIGKILLED || killed.contains(id.value()) || !memoryLimited(inspected)) {
            return oomFlag(inspected);
        }
        Instant since = startedAt(inspected).minusSeconds(1);
        long deadline = Timeouts.deadline(OOM_FLAG_WAIT);
        long pause = 10;
        while (true) {
            if (oomEvents.logged(id, since)) {
                return true;
            }
            long left = Timeouts.remaining(deadline).toMillis();
            if (left <= 0) {
                // Docker recorded neither the flag nor the event (seen 1 in 50 hogs: the OOM notice was lost in the
                // engine). A SIGKILL under a memory limit that neither Ironbox nor anyone through the engine sent is
                // the OOM killer's: the kernel sends no other (a command that SIGKILLs itself is the exception the
                // README names)
                return !oomEvents.killedThroughTheEngine(id, since);
            }
            Thread.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, 200);
            try {
                if (oomFlag(inspect(id))) {
                    return true;
                }
            } catch (ContainerFailureException e) {
                if (DockerErrors.isNotFound(e.getCause())) {
                    return false; // removed meanwhile (a cancel): nobody reads the flag
                }
                throw e;
            }
        }
    }

    private static Instant startedAt(InspectContainerResponse inspected) {
        try {
            return Instant.parse(inspected.getState().getStartedAt());
        } catch (RuntimeException unreadable) {
            return Instant.now().minus(Duration.ofDays(1)); // the event log is short: a wide window costs nothing
        }
    }

    private InspectContainerResponse inspect(ContainerId id) {
        try {
            return client.inspectContainerCmd(id.value()).exec();
        } catch (RuntimeException e) {
            throw DockerErrors.container("cannot inspect container " + id, e);
        }
    }

    private static boolean oomFlag(InspectContainerResponse inspected) {
        return inspected.getState() != null && Boolean.TRUE.equals(inspected.getState().getOOMKilled());
    }

    private static boolean memoryLimited(InspectContainerResponse inspected) {
        Long memory = inspected.getHostConfig() == null ? null : inspected.getHostConfig().getMemory();
        return memory != null && memory > 0;
    }

    @Override
    public void kill(ContainerId id) {
        killed.add(id.value()); // before the signal: its 137 must never be taken for an OOM kill
        try {
            client.killContainerCmd(id.value()).withSignal("KILL").exec();
        } catch (RuntimeException e) {
            // gone (404) or already stopped (409 "is not running"): the outcome the caller wanted
            if (!DockerErrors.isNotFound(e) && !DockerErrors.isConflict(e)) {
                throw DockerErrors.container("cannot kill container " + id, e);
            }
        }
    }

    @Override
    public void remove(ContainerId id) {
        killed.remove(id.value());
        try {
            client.removeContainerCmd(id.value()).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            if (DockerErrors.isNotFound(e) || (DockerErrors.isConflict(e) && DockerErrors.engineMessage(e)
                    .toLowerCase(Locale.ROOT).contains("already in progress"))) {
                return;
            }
            throw DockerErrors.container("cannot remove container " + id, e);
        }
    }

    @Override
    public List<ContainerId> listByLabel(String key, String value) {
        List<Container> containers;
        try {
            containers = client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value)).exec();
        } catch (RuntimeException e) {
            throw DockerErrors.container("cannot list containers labelled " + key + "=" + value, e);
        }
        return containers.stream().map(c -> new ContainerId(c.getId())).toList();
    }

    @Override
    public List<ContainerSummary> describeByLabel(String key, String value) {
        return descriptions.describeByLabel(key, value);
    }

    /** Keeps the one status the engine sends when the container stops. */
    private static final class WaitCallback extends StreamCallback<WaitResponse> {

        private volatile Integer statusCode;

        @Override
        public void onNext(WaitResponse response) {
            statusCode = response.getStatusCode();
        }
    }
}
