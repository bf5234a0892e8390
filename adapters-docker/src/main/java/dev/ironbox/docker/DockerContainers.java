package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.port.out.ContainerCreationPort;
import dev.ironbox.core.concurrent.Uninterruptibly;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerCreationPort} on Docker. Every field of the spec is applied; a field the engine cannot apply fails
 * the creation. Auto-remove only when the spec asks (sessions): a run's caller reads the output and exit status after
 * the container stopped. The seccomp profile goes inline in {@code SecurityOpt} ({@code seccomp=<json>}, as the CLI
 * sends a file's content); the log driver is {@code none}, so the engine stores none of the output (it reaches
 * Ironbox through the attach of {@link DockerLogs}).
 */
final class DockerContainers implements ContainerCreationPort {

    private static final Logger LOG = LoggerFactory.getLogger(DockerContainers.class);
    /** Options for every tmpfs; the size is added per mount. */
    static final String TMPFS_OPTIONS = "rw,nosuid,nodev,noexec,mode=1777,size=";

    private final DockerClient client;

    DockerContainers(DockerClient client) {
        this.client = client;
    }

    /**
     * The request completes whatever interrupts the caller ({@link Uninterruptibly}): an aborted one could leave a
     * container Ironbox never learnt of; an interrupted caller gets the id and its interrupt back, and removes it.
     */
    @Override
    public ContainerId create(ContainerSpec spec) {
        return Uninterruptibly.call(() -> createNow(spec));
    }

    private ContainerId createNow(ContainerSpec spec) {
        CreateContainerResponse created;
        try {
            created = configure(client.createContainerCmd(spec.image()), spec).exec();
        } catch (RuntimeException e) {
            if (DockerErrors.isNotFound(e)) {
                throw DockerErrors.image("cannot create container from image " + spec.image(), e);
            }
            throw DockerErrors.container("the engine refused to create container " + spec.name(), e);
        }
        ContainerId id = new ContainerId(created.getId());
        String[] warnings = created.getWarnings();
        if (warnings != null && warnings.length > 0) {
            // the engine created the container but dropped part of the spec: a sandbox must not run without it
            ContainerFailureException failure = new ContainerFailureException("the engine could not apply the whole"
                    + " sandbox profile to " + spec.name() + ": " + String.join("; ", warnings));
            remove(id, failure);
            throw failure;
        }
        return id;
    }

    /** Applies every field of {@code spec} to the create command. */
    static CreateContainerCmd configure(CreateContainerCmd command, ContainerSpec spec) {
        command.withName(spec.name())
                // the argv runs as given: an empty (not absent) entrypoint keeps the image's from wrapping it
                .withEntrypoint(List.of())
                .withCmd(spec.command())
                .withEnv(env(spec.env()))
                .withWorkingDir(spec.workingDir())
                .withUser(spec.user())
                .withLabels(spec.labels())
                .withTty(false)
                .withAttachStdin(false)
                .withStdinOpen(spec.openStdin())
                .withHostConfig(hostConfig(spec));
        if (spec.openStdin()) {
            // as docker run -i: the first attach's end closes the container's stdin (a pooled sandbox's hand-over)
            command.withStdInOnce(true);
        }
        return command;
    }

    static HostConfig hostConfig(ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(spec.binds().stream().map(DockerContainers::bind).toList())
                .withTmpFs(tmpfs(spec.tmpfs()))
                .withReadonlyRootfs(spec.readOnlyRootfs())
                .withCapDrop(capabilities("capDrop", spec.capDrop()))
                .withSecurityOpts(securityOpts(spec))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
                .withMemory(spec.memoryBytes())
                .withMemorySwap(spec.memorySwapBytes())
                .withNanoCPUs(spec.nanoCpus())
                .withPidsLimit(spec.pidsLimit())
                .withInit(spec.init())
                .withNetworkMode(spec.networkMode())
                .withAutoRemove(spec.autoRemove())
                .withPrivileged(false);
        if (!spec.capAdd().isEmpty()) {
            host.withCapAdd(capabilities("capAdd", spec.capAdd()));
        }
        return host;
    }

    private static List<String> securityOpts(ContainerSpec spec) {
        List<String> options = new ArrayList<>();
        options.add("seccomp=" + spec.seccompProfile().json());
        if (spec.noNewPrivileges()) {
            options.add("no-new-privileges");
        }
        return options;
    }

    private static Bind bind(Mount mount) {
        return new Bind(mount.hostPath().toString(), new Volume(mount.containerPath()),
                mount.readOnly() ? AccessMode.ro : AccessMode.rw);
    }

    private static Map<String, String> tmpfs(List<TmpfsMount> mounts) {
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (TmpfsMount mount : mounts) {
            tmpfs.put(mount.containerPath(), TMPFS_OPTIONS + mount.sizeBytes());
        }
        return tmpfs;
    }

    private static List<String> env(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static Capability[] capabilities(String field, List<String> names) {
        Capability[] capabilities = new Capability[names.size()];
        for (int i = 0; i < capabilities.length; i++) {
            String name = names.get(i).strip().toUpperCase(Locale.ROOT);
            try {
                capabilities[i] = Capability.fromValue(name);
            } catch (IllegalArgumentException e) {
                throw new ContainerFailureException("cannot apply " + field + ": unknown capability '"
                        + names.get(i) + "'", e);
            }
        }
        return capabilities;
    }

    private void remove(ContainerId id, ContainerFailureException failure) {
        try {
            client.removeContainerCmd(id.value()).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            LOG.error("could not remove container {} (refused: {}); remove it with docker rm -f", id,
                    failure.getMessage(), e);
            failure.addSuppressed(e);
        }
    }
}
