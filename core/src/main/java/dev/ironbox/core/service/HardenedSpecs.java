package dev.ironbox.core.service;

import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.TmpfsMount;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Turns a run request into the one container profile Ironbox allows. Every sandboxed run gets all of it. */
final class HardenedSpecs {

    static final String SANDBOX_USER = "1000:1000";
    static final String WORKSPACE = "/workspace";

    private HardenedSpecs() {}

    /** A run without network ({@code none}). */
    static ContainerSpec forRun(RunRequest request, Path workspace) {
        return forRun(request, workspace, ContainerEgress.NONE);
    }

    /**
     * A run on {@code egress}'s network. Its variables win over the request's (a request cannot point the sandbox
     * past the proxy or put a real secret where the placeholder goes), except {@code JAVA_TOOL_OPTIONS}, where the
     * request's options come first and the proxy's are appended.
     */
    static ContainerSpec forRun(RunRequest request, Path workspace, ContainerEgress egress) {
        ResourceLimits limits = request.limits();
        Map<String, String> env = new LinkedHashMap<>();
        // uid 1000 has no home in a minimal image; /tmp is the one writable place every policy has.
        env.put("HOME", "/tmp");
        env.putAll(request.env());
        egress.env().forEach((name, value) -> env.merge(name, value,
                (own, proxy) -> name.equals(ProxyEnvironment.JAVA_TOOL_OPTIONS) && !own.isBlank()
                        ? own + " " + proxy : proxy));
        return ContainerSpec.builder()
                .name("ironbox-" + UUID.randomUUID())
                .image(request.image())
                .command(request.command())
                .env(env)
                .workingDir(WORKSPACE)
                .user(SANDBOX_USER)
                .labels(OwnerLabels.forCurrentProcess(request.policy().cliName()))
                .addBinds(new Mount(workspace, WORKSPACE, !request.policy().workspaceWritable()))
                .addAllBinds(egress.binds())
                .addTmpfs(new TmpfsMount("/tmp", limits.tmpfsBytes()))
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .noNewPrivileges(true)
                .memoryBytes(limits.memoryBytes())
                .memorySwapBytes(limits.memoryBytes())
                .nanoCpus(Math.round(limits.cpus() * 1_000_000_000L))
                .pidsLimit(limits.pidsLimit())
                .init(true)
                .networkMode(egress.networkMode())
                .build();
    }
}
