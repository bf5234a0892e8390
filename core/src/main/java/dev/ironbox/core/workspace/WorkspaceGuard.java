package dev.ironbox.core.workspace;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.MessageText;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.SandboxPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Refuses workspaces that would hand the sandbox the host: missing, not a directory, one of the
 * {@linkplain ProtectedDirectories protected directories} (the engines' sockets and state, the system's directories,
 * the caller's home and its secrets), inside one, or containing one — judged on the real path, so a link to
 * {@code /etc} is {@code /etc} — or (read-only policy) one with mounts below it: a read-only bind is not recursive on
 * older kernels, so a mount inside the workspace would stay writable.
 */
public final class WorkspaceGuard {

    private WorkspaceGuard() {}

    /** @return the workspace's real path (links resolved), the one that gets mounted */
    public static Path check(Path workspace, SandboxPolicy policy, EngineInfo engine) {
        String given = shown(workspace);
        if (!Files.exists(workspace)) {
            throw new InvalidConfigurationException("workspace " + given + " does not exist");
        }
        if (!Files.isDirectory(workspace)) {
            throw new InvalidConfigurationException("workspace " + given + " is not a directory");
        }
        Path real;
        try {
            real = workspace.toRealPath();
        } catch (IOException e) {
            throw new InvalidConfigurationException("workspace " + given + " cannot be resolved: " + e.getMessage(), e);
        }
        String named = real.equals(workspace.toAbsolutePath().normalize()) ? given : given + " (" + shown(real) + ")";
        List<ProtectedDirectories.Protected> places = ProtectedDirectories.forEngine(engine);
        // the message names the closest: being one, then being inside one, then containing one (/run contains many)
        for (Overlap overlap : Overlap.values()) {
            for (ProtectedDirectories.Protected place : places) {
                refuseIf(overlap, real, named, place);
            }
        }
        if (policy == SandboxPolicy.READ_ONLY) {
            MountTable.mountPointsBelow(real).stream().findFirst().ifPresent(mount -> {
                throw new InvalidConfigurationException("workspace " + named + " has a mount inside it (" + mount
                        + "); a read-only sandbox could write to it, so it is refused — choose a directory without "
                        + "mounts below it");
            });
        }
        return real;
    }

    /** How a workspace overlaps a protected directory, in the words of the message. */
    private enum Overlap {
        IS("is"), INSIDE("is inside"), CONTAINS("contains");

        final String words;

        Overlap(String words) {
            this.words = words;
        }

        boolean holds(Path real, Path protectedForm, boolean subtree) {
            return switch (this) {
                case IS -> real.equals(protectedForm);
                case INSIDE -> subtree && real.startsWith(protectedForm);
                case CONTAINS -> protectedForm.startsWith(real);
            };
        }
    }

    private static void refuseIf(Overlap overlap, Path real, String named, ProtectedDirectories.Protected place) {
        for (Path form : place.forms()) {
            if (overlap.holds(real, form, place.subtree())) {
                throw new InvalidConfigurationException("workspace " + named + " is refused: it " + overlap.words + " "
                        + place.path() + " (" + place.what() + "), which a sandbox must not be given; choose a "
                        + "project directory");
            }
        }
    }

    /** The path for a message: as it is when short and printable, else quoted, cut and escaped. */
    private static String shown(Path path) {
        String text = path.toString();
        String quoted = MessageText.quote(text);
        return quoted.equals("'" + text + "'") ? text : quoted;
    }
}
