package dev.ironbox.core.pool;

import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * What makes two runs' containers the same, so a container warmed for one can take the other: the image (with the
 * binds it asks for), the policy, the workspace's real path, and the limits the container is created with (memory,
 * CPU, processes, {@code /tmp}). Not in it: the command, the environment (both travel in the {@link HandOver}), the
 * timeout and the output budget (Ironbox enforces them from outside). The runtime is the pool's own (one per service);
 * the network mode is always {@code none}: a run with egress never takes the pool.
 */
public record PoolKey(String image, SandboxPolicy policy, Path workspace, long memoryBytes, double cpus,
        long pidsLimit, long tmpfsBytes, List<Mount> imageBinds) {

    public PoolKey {
        imageBinds = List.copyOf(imageBinds);
    }

    /** @param workspace the workspace's checked real path, as a cold run binds it */
    public static PoolKey of(RunRequest request, Path workspace, List<Mount> imageBinds) {
        ResourceLimits limits = request.limits();
        return new PoolKey(request.image(), request.policy(), workspace, limits.memoryBytes(), limits.cpus(),
                limits.pidsLimit(), limits.tmpfsBytes(), imageBinds);
    }

    /** A request of this key, for the spec a cold run of it would get; its command is replaced by the shim's. */
    RunRequest template() {
        return RunRequest.builder()
                .command(List.of("sh"))
                .workspace(workspace)
                .image(image)
                .policy(policy)
                .limits(ResourceLimits.builder().memoryBytes(memoryBytes).cpus(cpus).pidsLimit(pidsLimit)
                        .tmpfsBytes(tmpfsBytes).build())
                .build();
    }
}
