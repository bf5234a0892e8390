package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import dev.ironbox.core.model.ContainerSummary;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link ContainerLifecyclePort} on Podman. */
final class PodmanLifecycle implements ContainerLifecyclePort {

    private final LibpodClient client;
    private final ExitWatcher exits;

    PodmanLifecycle(LibpodClient client, Background background, StderrTails tails) {
        this.client = client;
        this.exits = new ExitWatcher(client, background, tails);
    }

    static String path(ContainerId id) {
        return "/containers/" + LibpodClient.path(id.value());
    }

    /**
     * {@code POST containers/{id}/start}; 304 (already started) is fine. The engine's message stays verbatim; whether
     * the command itself could not start is typed ({@link PodmanStartFailures}).
     */
    @Override
    public void start(ContainerId id) {
        Reply reply = send("start", id, Method.POST, path(id) + "/start");
        if (!reply.ok() && reply.status() != 304) {
            LibpodException error = reply.error();
            ContainerFailureException failure = Errors.container("cannot start container " + id, error);
            throw new ContainerFailureException(failure.getMessage(), error, PodmanStartFailures.classify(error));
        }
    }

    /**
     * Blocks in {@code POST containers/{id}/wait?condition=stopped} on a daemon thread (it answers the bare exit code),
     * then inspects the container. Podman sends nothing before the exit, so at the deadline or on an interrupt the
     * wait is left to end when the container stops or is removed. See {@link ExitWatcher} for how catatonit's exec
     * failures and OOM kills on Podman 4 are reported.
     */
    @Override
    public Optional<ExitStatus> awaitExit(ContainerId id, Duration timeout) throws InterruptedException {
        return exits.await(id, timeout);
    }

    /** {@code POST containers/{id}/kill?signal=KILL}; a container that is gone or not running is fine. */
    @Override
    public void kill(ContainerId id) {
        exits.killing(id);
        Reply reply = send("kill", id, Method.POST, path(id) + "/kill?signal=KILL");
        if (!reply.ok()) {
            LibpodException error = reply.error();
            if (!error.isNotFound() && !error.isStateConflict()) {
                throw Errors.container("cannot kill container " + id, error);
            }
        }
    }

    /**
     * {@code DELETE containers/{id}?force=true&v=true}: kills it if needed, removes it and its anonymous volumes; a
     * container that is already gone is fine.
     */
    @Override
    public void remove(ContainerId id) {
        Reply reply = send("remove", id, Method.DELETE, path(id) + "?force=true&v=true");
        if (reply.status() == 404) {
            exits.forget(id);
            return;
        }
        if (!reply.ok()) {
            throw Errors.container("cannot remove container " + id, reply.error());
        }
        Libpod.RemoveReport[] reports = reply.json(Libpod.RemoveReport[].class);
        for (Libpod.RemoveReport report : reports == null ? new Libpod.RemoveReport[0] : reports) {
            String err = report.err();
            if (err != null && !err.isBlank() && !err.contains("no such container")) {
                throw new ContainerFailureException("cannot remove container " + id + ": " + err.strip());
            }
        }
        exits.forget(id);
    }

    /** {@code GET containers/json?all=true&filters={"label":["key=value"]}}. */
    @Override
    public List<ContainerId> listByLabel(String key, String value) {
        return Arrays.stream(listed(key, value)).map(c -> new ContainerId(c.id())).toList();
    }

    /**
     * The same listing, described. A network's anchor pod (see {@link NetworkAnchor}) is listed only when its infra
     * container carries the label itself, which Ironbox's own labels never are: it carries the anchor label only.
     */
    @Override
    public List<ContainerSummary> describeByLabel(String key, String value) {
        return Arrays.stream(listed(key, value)).map(PodmanLifecycle::summary).toList();
    }

    private Libpod.Listed[] listed(String key, String value) {
        try {
            Libpod.Listed[] found = client.get("/containers/json?all=true&" + LibpodClient.labelFilter(key, value),
                    Libpod.Listed[].class);
            return found == null ? new Libpod.Listed[0] : found;
        } catch (LibpodException e) {
            throw Errors.container("cannot list containers labelled " + key + "=" + value, e);
        }
    }

    static ContainerSummary summary(Libpod.Listed c) {
        String name = c.names() == null || c.names().isEmpty() ? "" : c.names().get(0);
        return new ContainerSummary(new ContainerId(c.id()), name.startsWith("/") ? name.substring(1) : name,
                Objects.requireNonNullElse(c.image(), ""), Objects.requireNonNullElse(c.command(), List.of()),
                Times.instant(c.created()), "running".equalsIgnoreCase(c.state()),
                Objects.requireNonNullElse(c.labels(), Map.of()));
    }

    /** Sends an idempotent call (retried once when the connection breaks); no answer at all fails. */
    private Reply send(String action, ContainerId id, Method method, String path) {
        try {
            return client.call(method, path, null, true);
        } catch (LibpodException e) {
            throw Errors.container("cannot " + action + " container " + id, e);
        }
    }
}
