package dev.ironbox.core.host;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Resolves a host path given for a copy without following a symbolic link that a sandbox could have made. A
 * workspace is the sandbox's to write, so {@code WORKSPACE/out} may be its link to {@code /etc}; and the sandbox runs
 * as the caller's own uid when Ironbox is not root ({@link dev.ironbox.core.label.SandboxUser}), so a link's owner does not tell the caller's
 * links from the sandbox's. A link on the way is therefore followed only when no sandbox can have made or replaced
 * it: root owns it, and it sits in a directory that root owns and no one else may change (not group or other
 * writable, or sticky). That keeps the host's own layout ({@code /var/run -> /run}, {@code /bin -> usr/bin}) and
 * refuses every other link, naming it and where it leads, so the caller can give the real path.
 *
 * <p>This checks once; the caller then opens the result with {@link PinnedDirectory#open}, which fails if a
 * directory on the way has been swapped for a link since.
 */
public final class HostPaths {

    /** As the kernel's limit: more links than this on one path is a loop. */
    private static final int MAX_LINKS = 40;

    private HostPaths() {}

    /**
     * The real path (without links) of {@code given}, which must exist.
     *
     * @param what what the path is for, in messages: "cannot copy to X: ..."
     * @throws InvalidConfigurationException when it does not exist, a link on the way is not followed, or it loops
     */
    public static Path realPath(Path given, String what) {
        Deque<String> rest = new ArrayDeque<>();
        for (Path name : given.toAbsolutePath()) {
            rest.addLast(name.toString());
        }
        Path current = given.toAbsolutePath().getRoot();
        int links = 0;
        while (!rest.isEmpty()) {
            String name = rest.removeFirst();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            Map<String, Object> attributes = attributes(next, given, what);
            if (!isLink(attributes)) {
                current = next;
                continue;
            }
            String target = readLink(next, given, what);
            if (!trusted(attributes, attributes(current, given, what))) {
                throw new InvalidConfigurationException(what + ": " + next + " is a symbolic link (to " + target
                        + "), which a sandbox could have made, so it is not followed; give the real path instead");
            }
            if (++links > MAX_LINKS) {
                throw new InvalidConfigurationException(what + ": too many symbolic links on the way to " + given);
            }
            Path targetPath = Path.of(target);
            for (int i = targetPath.getNameCount() - 1; i >= 0; i--) {
                rest.addFirst(targetPath.getName(i).toString());
            }
            if (targetPath.isAbsolute()) {
                current = targetPath.getRoot();
            }
        }
        return current;
    }

    /** Whether {@code path} (looked at without following a link) is a symbolic link. */
    static boolean isLink(Map<String, Object> unixAttributes) {
        return ((Integer) unixAttributes.get("mode") & 0170000) == 0120000;
    }

    /** A link root made, in a directory only root can change: no sandbox can have put it there. */
    static boolean trusted(Map<String, Object> link, Map<String, Object> directory) {
        int mode = (Integer) directory.get("mode");
        boolean othersMayChange = (mode & 0022) != 0 && (mode & 01000) == 0;
        return (Integer) link.get("uid") == 0 && (Integer) directory.get("uid") == 0 && !othersMayChange;
    }

    private static Map<String, Object> attributes(Path path, Path given, String what) {
        try {
            return Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigurationException(what + ": " + path + " does not exist"
                    + (path.equals(given.toAbsolutePath()) ? "" : " (on the way to " + given + ")"));
        } catch (IOException e) {
            throw new InvalidConfigurationException(what + ": cannot look at " + path + ": " + e.getMessage(), e);
        }
    }

    private static String readLink(Path link, Path given, String what) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new InvalidConfigurationException(what + ": cannot read the link " + link + " on the way to "
                    + given + ": " + e.getMessage(), e);
        }
    }
}
