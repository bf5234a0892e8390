package dev.ironbox.core.host;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Mode changes on regular files in a {@link PinnedDirectory} made through an open descriptor of the file itself
 * ({@link ProcFd}), never by its name: so never on another file that a sandbox swapped in under the name, and
 * without a read-only open, which would wait forever on a fifo swapped in.
 */
public final class OpenFiles {

    private OpenFiles() {}

    /**
     * Sets the permissions and modification time of regular file {@code name} of {@code directory}, created there
     * and still open (the caller keeps it open meanwhile).
     *
     * @return false when {@code name} is no longer the open file: nothing was set
     */
    public static boolean finish(PinnedDirectory directory, String name, Set<PosixFilePermission> permissions,
            FileTime modified) throws IOException {
        if (!directory.throughProc()) { // no /proc: by name, not following a link
            directory.posixView(name).setPermissions(permissions);
            directory.basicView(name).setTimes(modified, null, null);
            return true;
        }
        Optional<Path> open = ProcFd.find(directory.attributes(name).fileKey());
        if (open.isEmpty()) {
            return false;
        }
        Files.setPosixFilePermissions(open.get(), permissions); // chmod of the open file, through its /proc link
        Files.setLastModifiedTime(open.get(), modified);
        return true;
    }

    /**
     * Changes the permissions of regular file {@code name} of {@code directory} to {@code change} of its mode, the
     * mode being read from the file itself through an open of it that never blocks (read and write) and never follows
     * a link: a file swapped in under the name gets bits removed at most, never added.
     *
     * @return false when it is no longer the file {@code key}: nothing was changed
     * @throws IOException when it cannot be opened so (Ironbox may not read and write it, or it is being run)
     */
    public static boolean changeMode(PinnedDirectory directory, String name, Object key, IntUnaryOperator change)
            throws IOException {
        try (SeekableByteChannel ignored = directory.openReadWrite(name)) {
            Optional<Path> open = ProcFd.find(key);
            if (open.isEmpty()) {
                return false;
            }
            int mode = (Integer) Files.getAttribute(open.get(), "unix:mode");
            Files.setPosixFilePermissions(open.get(), FileModes.permissions(change.applyAsInt(mode)));
            return true;
        }
    }
}
