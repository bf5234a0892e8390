package dev.ironbox.core.container;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.TmpfsMount;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a run or session request into the one container profile Ironbox allows. Every sandboxed run and every
 * session gets all of it.
 */
public final class HardenedSpecs {

    /** The user every sandbox this process starts runs as ({@link SandboxUser}). */
    public static final String SANDBOX_USER = SandboxUser.current().spec();

    /**
     * An exec's user meaning "the container's own": an exec in a session runs as the user the session was started
     * with, whichever process (and so whichever {@link SandboxUser}) runs the exec. Both engines read an empty user so.
     */
    public static final String CONTAINER_USER = "";

    /** A session's label holding its workspace's real path on the host, for the sweeps after its execs and stop. */
    public static final String WORKSPACE_LABEL = "dev.ironbox.workspace";

    /** A session's label holding the user it runs as, for those sweeps: another process may run them. */
    public static final String USER_LABEL = "dev.ironbox.user";

    static final String WORKSPACE = "/workspace";

    private HardenedSpecs() {}

    /** A run without network ({@code none}). */
    public static ContainerSpec forRun(RunRequest request, Path workspace) {
        return forRun(request, workspace, ContainerEgress.NONE, List.of());
    }

    /**
     * A run on {@code egress}'s network. Its variables win over the request's (a request cannot point the sandbox
     * past the proxy or put a real secret where the placeholder goes), except {@code JAVA_TOOL_OPTIONS}, where the
     * request's options come first and the proxy's are appended.
     *
     * @param imageBinds read-only binds the image asks for (a host-tools image's host directories)
     */
    public static ContainerSpec forRun(RunRequest request, Path workspace, ContainerEgress egress, List<Mount> imageBinds) {
        return hardened(request.limits(), request.policy(), workspace, egress, imageBinds)
                .name("ironbox-" + UUID.randomUUID())
                .image(request.image())
                .command(request.command())
                .env(env(request.env(), egress))
                .labels(OwnerLabels.forCurrentProcess(request.policy().cliName()))
                // the run's input is written to it (LogCollectionPort.attachWithInput); without, it reads nothing
                .openStdin(request.stdin().length > 0)
                .build();
    }

    /**
     * A session: the run's profile, its container named after the session and labelled as one, running the idle
     * watchdog, removed by the engine when it stops. Its variables are the container's, so every exec inherits them.
     */
    public static ContainerSpec forSession(SessionRequest request, String sessionId, Path workspace, ContainerEgress egress,
            List<Mount> imageBinds) {
        return hardened(request.limits(), request.policy(), workspace, egress, imageBinds)
                .name(SessionLabels.containerName(sessionId))
                .image(request.image())
                .command(IdleWatchdog.command(request.idleTtl()))
                .env(env(request.env(), egress))
                .labels(SessionLabels.of(sessionId, request.policy(), request.image(), request.idleTtl(),
                        request.detached()))
                .putLabels(WORKSPACE_LABEL, workspace.toString())
                .putLabels(USER_LABEL, SANDBOX_USER)
                .autoRemove(true)
                .build();
    }

    private static Map<String, String> env(Map<String, String> requested, ContainerEgress egress) {
        Map<String, String> env = new LinkedHashMap<>();
        // The sandbox user has no home in a minimal image; /tmp is the one writable place every policy has.
        env.put("HOME", "/tmp");
        env.putAll(requested);
        egress.env().forEach((name, value) -> env.merge(name, value,
                (own, proxy) -> name.equals(ProxyEnvironment.JAVA_TOOL_OPTIONS) && !own.isBlank()
                        ? own + " " + proxy : proxy));
        return env;
    }

    private static ContainerSpec.Builder hardened(ResourceLimits limits, SandboxPolicy policy, Path workspace,
            ContainerEgress egress, List<Mount> imageBinds) {
        return ContainerSpec.builder()
                .workingDir(WORKSPACE)
                .user(SANDBOX_USER)
                .addBinds(new Mount(workspace, WORKSPACE, !policy.workspaceWritable()))
                .addAllBinds(egress.binds())
                .addAllBinds(imageBinds)
                .addTmpfs(new TmpfsMount("/tmp", limits.tmpfsBytes()))
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .noNewPrivileges(true)
                .memoryBytes(limits.memoryBytes())
                .memorySwapBytes(limits.memoryBytes())
                .nanoCpus(Math.round(limits.cpus() * 1_000_000_000L))
                .pidsLimit(limits.pidsLimit())
                .init(true)
                .networkMode(egress.networkMode());
    }
}
