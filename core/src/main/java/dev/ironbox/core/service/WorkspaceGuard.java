package dev.ironbox.core.service;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.SandboxPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses workspaces that would hand the sandbox the host: missing, not a directory, {@code /}, a kernel
 * pseudo-filesystem, a directory above an engine socket, or (read-only policy) one with mounts below it — a
 * read-only bind is not recursive on older kernels, so a mount inside the workspace would stay writable.
 */
final class WorkspaceGuard {

    private static final List<Path> PSEUDO_FILESYSTEMS = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    /** Engine sockets a sandbox must never see, whichever engine runs it (uid 1000 may own a rootless one). */
    private static final List<Path> KNOWN_SOCKETS = List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"),
            Path.of("/run/podman/podman.sock"), Path.of("/run/containerd/containerd.sock"),
            Path.of("/run/user/1000/podman/podman.sock"), Path.of("/run/user/1000/docker.sock"));

    private WorkspaceGuard() {}

    /** @return the workspace's real path (links resolved), the one that gets mounted */
    static Path check(Path workspace, SandboxPolicy policy, EngineInfo engine) {
        if (!Files.exists(workspace)) {
            throw new InvalidConfigurationException("workspace " + workspace + " does not exist");
        }
        if (!Files.isDirectory(workspace)) {
            throw new InvalidConfigurationException("workspace " + workspace + " is not a directory");
        }
        Path real;
        try {
            real = workspace.toRealPath();
        } catch (IOException e) {
            throw new InvalidConfigurationException("workspace " + workspace + " cannot be resolved: " + e.getMessage(), e);
        }
        if (real.getParent() == null) {
            throw new InvalidConfigurationException("workspace " + workspace + " is the root directory; "
                    + "mounting the whole host into a sandbox is refused");
        }
        for (Path pseudo : PSEUDO_FILESYSTEMS) {
            if (real.startsWith(pseudo)) {
                throw new InvalidConfigurationException("workspace " + workspace + " is inside " + pseudo
                        + ", a kernel filesystem; it is refused");
            }
        }
        List<Path> sockets = new ArrayList<>(KNOWN_SOCKETS);
        engine.socket().ifPresent(sockets::add);
        Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR"))
                .ifPresent(dir -> sockets.add(Path.of(dir, "podman", "podman.sock")));
        for (Path socket : sockets) {
            refuseIfInside(real, socket, workspace);
        }
        if (policy == SandboxPolicy.READ_ONLY) {
            MountTable.mountPointsBelow(real).stream().findFirst().ifPresent(mount -> {
                throw new InvalidConfigurationException("workspace " + workspace + " has a mount inside it (" + mount
                        + "); a read-only sandbox could write to it, so it is refused — choose a directory without "
                        + "mounts below it");
            });
        }
        return real;
    }

    private static void refuseIfInside(Path workspace, Path socket, Path given) {
        Path socketReal;
        try {
            socketReal = socket.toRealPath();
        } catch (IOException e) {
            socketReal = socket.toAbsolutePath().normalize();
        }
        if (socketReal.startsWith(workspace) || socket.toAbsolutePath().normalize().startsWith(workspace)) {
            throw new InvalidConfigurationException("workspace " + given + " holds the engine socket " + socket
                    + "; a sandbox that can reach it controls the host");
        }
    }
}
