package dev.ironbox.core.service;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * A host directory held open, so that what is done in it happens in it even when a sandbox renames it or swaps a
 * directory on its path for a symbolic link meanwhile: every operation is relative to the open directory (a
 * {@link SecureDirectoryStream}, or its {@code /proc/self/fd} path, see {@link ProcFd}) and never follows a link.
 * Opening never blocks either: a fifo put where a directory was fails at once (a path ending in {@code /.} must be a
 * directory), where a plain open would wait for a writer forever. Where there is no {@code /proc} (not Linux),
 * creating a directory or link and reading attributes go by path instead, which a racing sandbox could redirect.
 * Not thread-safe; close it.
 *
 * <p>Names are single path components, never {@code .}, {@code ..} or anything with a slash.
 */
final class PinnedDirectory implements Closeable {

    private static final Set<PosixFilePermission> OWNER_ONLY = SafeExtraction.permissions(0600);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = SafeExtraction.permissions(0700);

    private final SecureDirectoryStream<Path> stream;
    private final Path path;
    private final Object key;
    private Path base;

    private PinnedDirectory(SecureDirectoryStream<Path> stream, Path path) throws IOException {
        this.stream = stream;
        this.path = path;
        this.key = stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
    }

    /**
     * Opens {@code realPath} (absolute, without links) from {@code /} down, one directory at a time, following no
     * link: a component that is a link or not a directory (now) fails.
     *
     * @throws IOException when a component is missing, not a directory, a link, or changed while being opened
     */
    static PinnedDirectory open(Path realPath) throws IOException {
        PinnedDirectory current = wrap(Files.newDirectoryStream(realPath.getRoot()), realPath.getRoot());
        try {
            for (Path name : realPath) {
                PinnedDirectory next = current.child(name.toString());
                current.close();
                current = next;
            }
            return current;
        } catch (IOException | RuntimeException e) {
            current.close();
            throw e;
        }
    }

    private static PinnedDirectory wrap(DirectoryStream<Path> opened, Path path) throws IOException {
        if (!(opened instanceof SecureDirectoryStream<Path> secure)) {
            opened.close();
            throw new FileSystemException(path.toString(), null, "this platform offers no directory access that "
                    + "cannot be redirected through symbolic links (SecureDirectoryStream), which Ironbox needs here");
        }
        try {
            return new PinnedDirectory(secure, path);
        } catch (IOException e) {
            secure.close();
            throw e;
        }
    }

    /**
     * Opens the directory {@code name} in this one: it must be a directory, not a link to one, and stay the same
     * directory from the look to the open.
     */
    PinnedDirectory child(String name) throws IOException {
        BasicFileAttributes seen = attributes(name);
        Path shown = path.resolve(name);
        if (!seen.isDirectory()) {
            throw new NotDirectoryException(shown + (seen.isSymbolicLink() ? " (a symbolic link)" : ""));
        }
        // "name/." must be a directory: a fifo swapped in fails at once instead of blocking the open.
        PinnedDirectory child = wrap(Files.newDirectoryStream(base().resolve(name).resolve(".")), shown);
        if (!child.key.equals(seen.fileKey())) {
            child.close();
            throw new FileSystemException(shown.toString(), null, "was replaced while being opened");
        }
        return child;
    }

    /** What is at {@code name}, not following a link. */
    BasicFileAttributes attributes(String name) throws IOException {
        return Files.readAttributes(entry(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** Unix attributes ({@code mode}, {@code uid}, {@code ctime}, ...) of what is at {@code name}, not following. */
    Map<String, Object> unixAttributes(String name, String attributes) throws IOException {
        return Files.readAttributes(entry(name), "unix:" + attributes, LinkOption.NOFOLLOW_LINKS);
    }

    /** The target of symbolic link {@code name}. */
    String readLink(String name) throws IOException {
        return Files.readSymbolicLink(entry(name)).toString();
    }

    /** Whether anything, a dangling link too, is at {@code name}. */
    boolean exists(String name) {
        return Files.exists(entry(name), LinkOption.NOFOLLOW_LINKS);
    }

    /** Creates directory {@code name} here, only its owner may use it (the caller sets its final mode). */
    void createDirectory(String name) throws IOException {
        Files.createDirectory(entry(name), PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
    }

    /** Creates symbolic link {@code name} here; its target is not looked at. */
    void createSymbolicLink(String name, String target) throws IOException {
        Files.createSymbolicLink(entry(name), Path.of(target));
    }

    /** Creates file {@code name} here for writing, owner-only; fails when anything is there already. */
    SeekableByteChannel createFile(String name) throws IOException {
        return stream.newByteChannel(Path.of(checked(name)), Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    /** Opens regular file {@code name} here for reading, not following a link. */
    SeekableByteChannel openFile(String name) throws IOException {
        return stream.newByteChannel(Path.of(checked(name)),
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Opens {@code name} here for reading and writing, not following a link: unlike a read-only open, this never
     * waits when a fifo is there. Writes nothing.
     */
    SeekableByteChannel openReadWrite(String name) throws IOException {
        return stream.newByteChannel(Path.of(checked(name)), Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Sets the permissions and modification time of regular file {@code name}, created here and still open (as
     * {@code open}, which must stay open meanwhile): through that open file itself, so never on another file that a
     * sandbox swapped in under the name, and without opening anything that could block.
     *
     * @return false when {@code name} is no longer the open file: nothing was set
     */
    boolean finishFile(String name, Set<PosixFilePermission> permissions, FileTime modified) throws IOException {
        if (base() == path) { // no /proc: by name, not following a link
            stream.getFileAttributeView(Path.of(checked(name)), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(permissions);
            stream.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(modified, null, null);
            return true;
        }
        Optional<Path> open = ProcFd.find(attributes(name).fileKey());
        if (open.isEmpty()) {
            return false;
        }
        Files.setPosixFilePermissions(open.get(), permissions); // chmod of the open file, through its /proc link
        Files.setLastModifiedTime(open.get(), modified);
        return true;
    }

    /**
     * Changes the permissions of regular file {@code name} to {@code change} of its mode, the mode being read from
     * the file itself through an open of it that never blocks (read and write: a fifo swapped in does not wait) and
     * never follows a link, so a file swapped in under the name gets bits removed at most, never added.
     *
     * @return false when it is no longer the file {@code key}: nothing was changed
     * @throws IOException when it cannot be opened so (Ironbox may not read and write it, or it is being run)
     */
    boolean changeFileMode(String name, Object key, IntUnaryOperator change) throws IOException {
        try (SeekableByteChannel ignored = openReadWrite(name)) {
            Optional<Path> open = ProcFd.find(key);
            if (open.isEmpty()) {
                return false;
            }
            int mode = (Integer) Files.getAttribute(open.get(), "unix:mode");
            Files.setPosixFilePermissions(open.get(), SafeExtraction.permissions(change.applyAsInt(mode)));
            return true;
        }
    }

    /**
     * Sets the permissions of {@code name} by name, following a link there: only for when no sandbox runs that could
     * swap one in (the caller has just seen a regular file or directory there).
     */
    void setPermissionsWhileNothingRuns(String name, Set<PosixFilePermission> permissions) throws IOException {
        Files.setPosixFilePermissions(entry(name), permissions);
    }

    /** Renames {@code name} here to {@code newName} in {@code target}, both held open: no path is looked up. */
    void move(String name, PinnedDirectory target, String newName) throws IOException {
        stream.move(Path.of(checked(name)), target.stream, Path.of(checked(newName)));
    }

    void deleteFile(String name) throws IOException {
        stream.deleteFile(Path.of(checked(name)));
    }

    void deleteDirectory(String name) throws IOException {
        stream.deleteDirectory(Path.of(checked(name)));
    }

    /** The names in this directory; may be called once. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (Path entry : stream) {
            names.add(entry.getFileName().toString());
        }
        return names;
    }

    /** This directory's own unix attributes ({@code mode}, {@code ctime}, ...), wherever it is now. */
    Map<String, Object> ownUnixAttributes(String attributes) throws IOException {
        return Files.readAttributes(base(), "unix:" + attributes);
    }

    /** Sets this directory's own mode bits ({@code 07777}), through its open descriptor. */
    void setOwnMode(int mode) throws IOException {
        if (base() == path) { // no /proc: through the open descriptor, rwx bits only
            setPermissions(SafeExtraction.permissions(mode));
        } else {
            Files.setAttribute(base(), "unix:mode", mode); // chmod of the open directory, through its /proc link
        }
    }

    /** Sets this directory's permissions (rwx only: set-id and sticky bits are cleared). */
    void setPermissions(Set<PosixFilePermission> permissions) throws IOException {
        stream.getFileAttributeView(PosixFileAttributeView.class).setPermissions(permissions);
    }

    /** Device and inode of this directory. */
    Object key() {
        return key;
    }

    /** Where this directory was when opened; it may have moved since. For messages. */
    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    /** {@code name} in this very directory: through {@code /proc/self/fd} when there is one, else by path. */
    private Path entry(String name) {
        return base().resolve(checked(name));
    }

    private Path base() {
        if (base == null) {
            base = ProcFd.find(key).orElse(path);
        }
        return base;
    }

    private static String checked(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a single file name: " + name);
        }
        return name;
    }
}
