package dev.ironbox.podman;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.StartFailure;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import dev.ironbox.enginestreams.InputAttach;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A pooled sandbox's hand-over on Podman ({@code LogCollectionPort.attachWithInput}): {@code POST
 * containers/{id}/attach?stream=true&stdin=true&stdout=true&stderr=true&logs=false&detachKeys=} on a connection of its
 * own ({@link LibpodClient#hijack}, {@link InputAttach}). Podman connects to conmon's attach socket before it answers
 * the upgrade, so output written after the answer reaches the connection; the empty {@code detachKeys} lets every
 * byte of the input through. Once the input is written the connection is half-closed: Podman closes its write side
 * to conmon, which closes the container's stdin, so the command reads end-of-file.
 *
 * <p>A created container not yet started (a cold run's input) gets its input over an attach of stdin alone
 * ({@link #feed}), beside the output's own attach ({@code PodmanLogs#follow}): Podman 4.3 ends an attach at the first
 * error of either of its copies, so a command that ends without reading all its input (Podman's write to conmon is
 * then reset) would cut the output of a shared attach, the command's last words lost (seen in
 * {@code PodmanStandardInputIT}). Conmon sends the output to every attach.
 */
final class PodmanHandOver {

    /** How long the engine may take to accept the attach and take the input. */
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);

    /** Podman's states of a container made but never started: in its database only, or in the OCI runtime too. */
    private static final Set<String> NEVER_STARTED = Set.of("configured", "created");

    private final LibpodClient client;
    private final Background background;

    PodmanHandOver(LibpodClient client, Background background) {
        this.client = client;
        this.background = background;
    }

    /** Hands {@code input} over to a RUNNING container and follows its output; returns once the input was written. */
    LogFollow attach(ContainerId id, byte[] input, Consumer<OutputChunk> sink) {
        String path = PodmanLifecycle.path(id)
                + "/attach?stream=true&stdin=true&stdout=true&stderr=true&logs=false&detachKeys=";
        InputAttach attach = InputAttach.start(background::run, () -> client.hijack(path), input, sink);
        return attach.accepted(id, ATTACH_TIMEOUT, errors(id));
    }

    /**
     * Feeds {@code input} to a created container's stdin, once started, over an attach of its stdin alone; returns once
     * Podman answered. Its stream carries no output of the command, only Podman's note when the command did not read
     * all its input, which is dropped.
     */
    LogFollow feed(ContainerId id, byte[] input) {
        String path = PodmanLifecycle.path(id)
                + "/attach?stream=true&stdin=true&stdout=false&stderr=false&logs=false&detachKeys=";
        InputAttach attach = InputAttach.start(background::run, () -> client.hijack(path), input, chunk -> {});
        return attach.acceptedBeforeStart(id, ATTACH_TIMEOUT, errors(id));
    }

    private static InputAttach.Errors errors(ContainerId id) {
        return new InputAttach.Errors(
                e -> Errors.container("interrupted while attaching to container " + id, e),
                failure -> failure == null
                        ? new ContainerFailureException("cannot attach to container " + id + ": the attach was closed")
                        : Errors.container("cannot attach to container " + id, failure),
                failure -> Errors.container("following the output of container " + id + " failed", failure));
    }

    /**
     * Podman holds an attach to a stopped container open until the container starts again, instead of refusing it:
     * a pooled container that died while idle would swallow its hand-over. A created one is about to be started.
     *
     * @return true when it runs, false when it was created and never started
     */
    boolean requireRunningOrCreated(ContainerId id) {
        Libpod.Container inspected;
        try {
            inspected = client.get(PodmanLifecycle.path(id) + "/json", Libpod.Container.class);
        } catch (LibpodException e) {
            throw Errors.container("cannot attach to container " + id, e);
        }
        if (inspected.state() != null && NEVER_STARTED.contains(inspected.state().status())) {
            return false;
        }
        if (inspected.state() == null || !inspected.state().running()) {
            throw new ContainerFailureException("cannot attach to container " + id + ": it is not running", null,
                    StartFailure.NOT_RUNNING);
        }
        return true;
    }
}
