package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.port.out.ContainerCreationPort;
import dev.ironbox.core.concurrent.Uninterruptibly;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerCreationPort} on Podman: {@code containers/create} with a {@link SpecGenerator} body. Auto-removal
 * is set only when the spec asks for it (a session): a run's caller reads the output and exit status after the
 * container stopped, then removes it.
 */
final class PodmanContainers implements ContainerCreationPort {

    private static final Logger LOG = LoggerFactory.getLogger(PodmanContainers.class);

    private final LibpodClient client;
    private final PodmanLifecycle lifecycle;
    private final SeccompProfileFiles seccompProfiles;

    PodmanContainers(LibpodClient client, PodmanLifecycle lifecycle, SeccompProfileFiles seccompProfiles) {
        this.client = client;
        this.lifecycle = lifecycle;
        this.seccompProfiles = seccompProfiles;
    }

    /**
     * Creates the container. A missing image is an {@link dev.ironbox.core.error.ImageUnavailableException}; a
     * creation that succeeds with warnings (a part of the profile the engine dropped) is removed and refused. Not
     * retried when the connection breaks: the container might exist. The request completes whatever interrupts the
     * caller ({@link Uninterruptibly}): an aborted one left containers in {@code Created} that Ironbox never learnt
     * of; an interrupted caller gets the id and its interrupt back, and removes the container.
     */
    @Override
    public ContainerId create(ContainerSpec spec) {
        return Uninterruptibly.call(() -> createNow(spec));
    }

    private ContainerId createNow(ContainerSpec spec) {
        Map<String, Object> body = SpecGenerator.from(spec, seccompProfiles.pathOf(spec.seccompProfile()));
        Reply reply;
        try {
            reply = client.call(Method.POST, "/containers/create", body, false);
        } catch (LibpodException e) {
            throw Errors.container("cannot create container " + spec.name(), e);
        }
        if (reply.status() == 404) {
            throw Errors.image("cannot create container " + spec.name() + " from image " + spec.image(), reply.error());
        }
        if (!reply.ok()) {
            throw Errors.container("the engine refused to create container " + spec.name(), reply.error());
        }
        Libpod.Created created;
        try {
            created = reply.json(Libpod.Created.class);
        } catch (LibpodException e) {
            throw Errors.container("cannot create container " + spec.name(), e);
        }
        if (created.id() == null || created.id().isBlank()) {
            throw new ContainerFailureException("the engine created container " + spec.name() + " without an id: "
                    + Errors.shorten(reply.text()));
        }
        ContainerId id = new ContainerId(created.id());
        List<String> warnings = created.warnings() == null ? List.of() : created.warnings();
        if (!warnings.isEmpty()) {
            // the engine created the container but dropped part of the spec: a sandbox must not run without it
            ContainerFailureException failure = new ContainerFailureException("the engine could not apply the whole"
                    + " sandbox profile to " + spec.name() + ": " + String.join("; ", warnings));
            try {
                Uninterruptibly.run(() -> lifecycle.remove(id));
            } catch (RuntimeException e) {
                LOG.error("could not remove container {} (refused: {}); remove it with podman rm -f", spec.name(),
                        failure.getMessage(), e);
                failure.addSuppressed(e);
            }
            throw failure;
        }
        return id;
    }
}
