package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.StartFailure;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import dev.ironbox.enginestreams.InputAttach;
import dev.ironbox.enginestreams.UpgradeRefusedException;
import dev.ironbox.enginestreams.UpgradedConnection;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A pooled sandbox's hand-over on Docker ({@code LogCollectionPort.attachWithInput}): {@code POST
 * /containers/{id}/attach?stream=1&stdin=1&stdout=1&stderr=1} on a connection of Ironbox's own ({@link InputAttach}),
 * not docker-java's attach, whose transports mis-send hijacked streams. Docker attaches the container's streams
 * before it answers the upgrade, so output written after the answer reaches the connection; a non-TTY attach passes
 * the input's bytes through unchanged (no detach keys). Once the input is written the connection is half-closed, which
 * ends the attached stdin, and with it, the container being created with {@code StdinOnce}, the container's stdin.
 * A created container not yet started (a cold run's input, as {@code docker run -i}) is attached as well: Docker takes
 * the input as the command reads it, once started.
 */
final class DockerHandOver {

    /** How long the engine may take to accept the attach and take the input. */
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);

    private final DockerClient client;
    private final URI endpoint;
    private final boolean tls;

    DockerHandOver(DockerClient client, URI endpoint, boolean tls) {
        this.client = client;
        this.endpoint = endpoint;
        this.tls = tls;
    }

    /** Whether this endpoint allows a connection of Ironbox's own: {@code unix://} or plain {@code tcp://}. */
    boolean supported() {
        try {
            HijackedExecStart.address(endpoint, tls);
            return true;
        } catch (ContainerFailureException e) {
            return false;
        }
    }

    LogFollow attach(ContainerId id, byte[] input, Consumer<OutputChunk> sink) {
        SocketAddress address = HijackedExecStart.address(endpoint, tls);
        boolean running = requireRunningOrCreated(id);
        String path = "/containers/" + id.value() + "/attach?stream=1&stdin=1&stdout=1&stderr=1";
        InputAttach attach = InputAttach.start(task -> daemon("ironbox-attach-" + id.shortId(), task),
                () -> UpgradedConnection.open(address, "docker", path, new byte[0]), input, sink);
        InputAttach.Errors errors = new InputAttach.Errors(
                e -> DockerErrors.container("interrupted while attaching to container " + id, e),
                failure -> refusal(id, failure),
                failure -> DockerErrors.container("following the output of container " + id + " failed", failure));
        return running ? attach.accepted(id, ATTACH_TIMEOUT, errors)
                : attach.acceptedBeforeStart(id, ATTACH_TIMEOUT, errors);
    }

    /**
     * Docker holds an attach to a stopped container open until the container starts again, instead of refusing it:
     * a pooled container that died while idle would swallow its hand-over. A created one is about to be started.
     *
     * @return true when it runs, false when it was created and never started
     */
    private boolean requireRunningOrCreated(ContainerId id) {
        InspectContainerResponse inspected;
        try {
            inspected = client.inspectContainerCmd(id.value()).exec();
        } catch (RuntimeException e) {
            throw DockerErrors.container("cannot attach to container " + id, e);
        }
        if (inspected.getState() != null && "created".equals(inspected.getState().getStatus())) {
            return false;
        }
        if (inspected.getState() == null || !Boolean.TRUE.equals(inspected.getState().getRunning())) {
            throw new ContainerFailureException("cannot attach to container " + id + ": it is not running", null,
                    StartFailure.NOT_RUNNING);
        }
        return true;
    }

    private static ContainerFailureException refusal(ContainerId id, Throwable failure) {
        if (failure instanceof UpgradeRefusedException refused) {
            String answer = new String(refused.body(), StandardCharsets.UTF_8);
            return new ContainerFailureException("cannot attach to container " + id + ": "
                    + DockerErrors.bodyMessage(answer, "message", refused.getMessage() + " " + answer.strip()),
                    refused);
        }
        if (failure == null) {
            return new ContainerFailureException("cannot attach to container " + id + ": the attach was closed");
        }
        return DockerErrors.container("cannot attach to container " + id, failure);
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
