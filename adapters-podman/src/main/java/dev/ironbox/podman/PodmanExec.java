package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.ExecPort;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * {@link ExecPort} on Podman: {@code POST containers/{id}/exec} creates the session, {@code POST exec/{id}/start}
 * runs it and streams its multiplexed output until it ends, {@code GET exec/{id}/json} gives its exit code. At the
 * deadline the stream is closed and the process left running (Podman cannot kill an exec); the sandbox service
 * kills it.
 */
final class PodmanExec implements ExecPort {

    private static final long FIRST_POLL_MILLIS = 5;
    private static final long LAST_POLL_MILLIS = 200;

    private final LibpodClient client;
    private final Background background;

    PodmanExec(LibpodClient client, Background background) {
        this.client = client;
        this.background = background;
    }

    /** @throws ContainerFailureException when the container is gone or not running, with Podman's reason */
    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout)
            throws InterruptedException {
        long deadline = Timeouts.deadline(timeout);
        String execId = create(id, spec);
        String start = "/exec/" + LibpodClient.path(execId) + "/start";
        Map<String, Object> body = Map.of("Detach", false, "Tty", false);
        try (StreamPump pump = StreamPump.start(background, () -> client.stream(Method.POST, start, body), sink)) {
            if (!pump.awaitEnd(Timeouts.remaining(deadline))) {
                return OptionalInt.empty();
            }
            Optional<Throwable> failure = pump.failure();
            if (failure.isPresent()) {
                throw Errors.container("exec in container " + id + " failed", failure.get());
            }
        }
        return exitCode(id, execId, deadline);
    }

    private String create(ContainerId id, ExecSpec spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Cmd", spec.command());
        config.put("Env", env(spec.env()));
        config.put("User", spec.user());
        config.put("WorkingDir", spec.workingDir());
        config.put("AttachStdin", false);
        config.put("AttachStdout", true);
        config.put("AttachStderr", true);
        config.put("Tty", false);
        String context = "cannot run exec in container " + id;
        Reply reply;
        try {
            reply = client.call(Method.POST, "/containers/" + LibpodClient.path(id.value()) + "/exec", config, false);
        } catch (LibpodException e) {
            throw Errors.container(context, e);
        }
        if (!reply.ok()) {
            // a stopped container answers "can only create exec sessions on running containers"
            throw Errors.container(context, reply.error());
        }
        Libpod.Created created = reply.json(Libpod.Created.class);
        if (created.id() == null || created.id().isBlank()) {
            throw new ContainerFailureException(context + ": the engine answered no exec id");
        }
        return created.id();
    }

    /**
     * The output ended; the engine may still report the process as running for a moment, or for good when it closed
     * its output and went on: poll until the deadline.
     */
    private OptionalInt exitCode(ContainerId id, String execId, long deadline) throws InterruptedException {
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            Libpod.Exec inspected;
            try {
                inspected = client.get("/exec/" + LibpodClient.path(execId) + "/json", Libpod.Exec.class);
            } catch (LibpodException e) {
                throw Errors.container("cannot inspect exec in container " + id, e);
            }
            if (!inspected.running() && inspected.exitCode() != null) {
                return OptionalInt.of(inspected.exitCode());
            }
            long left = Timeouts.remaining(deadline).toMillis();
            if (left <= 0) {
                return OptionalInt.empty();
            }
            Thread.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, LAST_POLL_MILLIS);
        }
    }

    static List<String> env(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
