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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@link ContainerLifecyclePort} on Docker. */
final class DockerLifecycle implements ContainerLifecyclePort {

    private final DockerClient client;
    private final DockerContainerDescriptions descriptions;
    private final ExternalStops stops;

    DockerLifecycle(DockerClient client) {
        this.client = client;
        this.descriptions = new DockerContainerDescriptions(client);
        this.stops = new ExternalStops(client);
    }

    @Override
    public void start(ContainerId id) {
        try {
            client.startContainerCmd(id.value()).exec();
        } catch (NotModifiedException alreadyStarted) {
            // started before: nothing to do
        } catch (RuntimeException e) {
            // the engine's message stays verbatim: the service reads "executable file not found" from it
            throw DockerErrors.container("cannot start container " + id, e);
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
        return Optional.of(new ExitStatus(code, oomKilled(id)));
    }

    private boolean oomKilled(ContainerId id) {
        InspectContainerResponse inspected;
        try {
            inspected = client.inspectContainerCmd(id.value()).exec();
        } catch (RuntimeException e) {
            throw DockerErrors.container("cannot inspect container " + id, e);
        }
        return inspected.getState() != null && Boolean.TRUE.equals(inspected.getState().getOOMKilled());
    }

    @Override
    public void kill(ContainerId id) {
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
