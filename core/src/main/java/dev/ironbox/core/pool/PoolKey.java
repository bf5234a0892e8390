package dev.ironbox.core.pool;

import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.UUID;

/**
 * What makes two runs' containers the same, so a container warmed for one can take the other: the image (with the
 * binds it asks for), the policy, the workspace's real path, and the limits the container is created with (memory,
 * CPU, processes, {@code /tmp}). Not in it: the command, the environment (both travel in the {@link HandOver}), the
 * timeout and the output budget (Ironbox enforces them from outside). The runtime is the pool's own (one per service);
 * the network mode is always {@code none}: a run with egress never takes the pool.
 *
 * <p>The workspace counts by its identity too (device and inode): a warm container binds the directory that was at
 * the path when it was made, so a directory replaced under the same path (moved away, a temp directory made again)
 * must not be served by it — the run would see and write the old one, and the sweep after it would check the new.
 */
public record PoolKey(String image, SandboxPolicy policy, Path workspace, String workspaceIdentity, long memoryBytes,
        double cpus, long pidsLimit, long tmpfsBytes, List<Mount> imageBinds) {

    public PoolKey {
        imageBinds = List.copyOf(imageBinds);
    }

    /** @param workspace the workspace's checked real path, as a cold run binds it */
    public static PoolKey of(RunRequest request, Path workspace, List<Mount> imageBinds) {
        ResourceLimits limits = request.limits();
        return new PoolKey(request.image(), request.policy(), workspace, identity(workspace), limits.memoryBytes(),
                limits.cpus(), limits.pidsLimit(), limits.tmpfsBytes(), imageBinds);
    }

    /** The directory's device and inode; one that cannot be read matches nothing (its runs go cold). */
    private static String identity(Path workspace) {
        try {
            Object key = Files.readAttributes(workspace, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            return key == null ? "unknown:" + UUID.randomUUID() : key.toString();
        } catch (IOException e) {
            return "unreadable:" + UUID.randomUUID();
        }
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
