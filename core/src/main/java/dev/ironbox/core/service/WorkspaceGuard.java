package dev.ironbox.core.service;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.EngineInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Refuses workspaces that would hand the sandbox the host: missing, not a directory, {@code /}, or above the engine socket. */
final class WorkspaceGuard {

    private WorkspaceGuard() {}

    /** @return the workspace's real path (links resolved), the one that gets mounted */
    static Path check(Path workspace, EngineInfo engine) {
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
        engine.socket().ifPresent(socket -> refuseIfInside(real, socket, workspace));
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
