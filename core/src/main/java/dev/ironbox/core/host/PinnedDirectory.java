package dev.ironbox.core.host;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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
public final class PinnedDirectory implements Closeable {

    private static final Set<PosixFilePermission> OWNER_ONLY = FileModes.permissions(0600);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = FileModes.permissions(0700);

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
    public static PinnedDirectory open(Path realPath) throws IOException {
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
    public PinnedDirectory child(String name) throws IOException {
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
    public BasicFileAttributes attributes(String name) throws IOException {
        return stream.getFileAttributeView(Path.of(checked(name)), BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).readAttributes();
    }

    /** Unix attributes ({@code mode}, {@code uid}, {@code ctime}, ...) of what is at {@code name}, not following. */
    public Map<String, Object> unixAttributes(String name, String attributes) throws IOException {
        return Files.readAttributes(entry(name), "unix:" + attributes, LinkOption.NOFOLLOW_LINKS);
    }

    /** The target of symbolic link {@code name}. */
    public String readLink(String name) throws IOException {
        return Files.readSymbolicLink(entry(name)).toString();
    }

    /** Whether anything, a dangling link too, is at {@code name}. */
    public boolean exists(String name) {
        try {
            attributes(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates directory {@code name} here, only its owner may use it (the caller sets its final mode). */
    public void createDirectory(String name) throws IOException {
        Files.createDirectory(entry(name), PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        madeHere(name, attributes -> attributes.isDirectory());
    }

    /** Creates symbolic link {@code name} here; its target is not looked at. */
    public void createSymbolicLink(String name, String target) throws IOException {
        Files.createSymbolicLink(entry(name), Path.of(target));
        madeHere(name, attributes -> attributes.isSymbolicLink());
    }

    /**
     * Checks, relative to the open directory itself, that what was just made through its {@code /proc} path is
     * here: that path names another directory only if the descriptor found for it was not ours and was reused.
     */
    private void madeHere(String name, Predicate<BasicFileAttributes> made) throws IOException {
        try {
            if (made.test(attributes(name))) {
                return;
            }
        } catch (NoSuchFileException e) {
            // made elsewhere
        }
        throw new FileSystemException(path.resolve(name).toString(), null, "was not made where it was meant to be");
    }

    /** Creates file {@code name} here for writing, owner-only; fails when anything is there already. */
    public SeekableByteChannel createFile(String name) throws IOException {
        return stream.newByteChannel(Path.of(checked(name)), Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    /** Opens regular file {@code name} here for reading, not following a link. */
    public SeekableByteChannel openFile(String name) throws IOException {
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

    /** The permissions of {@code name} here, as a view that does not follow a link (it opens the file). */
    PosixFileAttributeView posixView(String name) {
        return stream.getFileAttributeView(Path.of(checked(name)), PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
    }

    /** The times of {@code name} here, as a view that does not follow a link (it opens the file). */
    BasicFileAttributeView basicView(String name) {
        return stream.getFileAttributeView(Path.of(checked(name)), BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether this directory is reached through {@code /proc/self/fd} (Linux), not by its path. */
    boolean throughProc() {
        return base() != path;
    }

    /**
     * Sets the permissions of {@code name} by name, following a link there: only for when no sandbox runs that could
     * swap one in (the caller has just seen a regular file or directory there).
     */
    public void setPermissionsWhileNothingRuns(String name, Set<PosixFilePermission> permissions) throws IOException {
        if (!key.equals(Files.readAttributes(base(), BasicFileAttributes.class).fileKey())) {
            throw new FileSystemException(path.toString(), null, "its descriptor changed");
        }
        Files.setPosixFilePermissions(entry(name), permissions);
    }

    /** Renames {@code name} here to {@code newName} in {@code target}, both held open: no path is looked up. */
    public void move(String name, PinnedDirectory target, String newName) throws IOException {
        stream.move(Path.of(checked(name)), target.stream, Path.of(checked(newName)));
    }

    public void deleteFile(String name) throws IOException {
        stream.deleteFile(Path.of(checked(name)));
    }

    public void deleteDirectory(String name) throws IOException {
        stream.deleteDirectory(Path.of(checked(name)));
    }

    /** The names in this directory; may be called once. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Path entry : stream) {
            names.add(entry.getFileName().toString());
        }
        return names;
    }

    /** This directory's own unix attributes ({@code mode}, {@code ctime}, ...), wherever it is now. */
    public Map<String, Object> ownUnixAttributes(String attributes) throws IOException {
        return Files.readAttributes(base(), "unix:" + attributes);
    }

    /** Sets this directory's own mode bits ({@code 07777}), through its open descriptor. */
    public void setOwnMode(int mode) throws IOException {
        if (base() == path) { // no /proc: through the open descriptor, rwx bits only
            setPermissions(FileModes.permissions(mode));
        } else {
            Files.setAttribute(base(), "unix:mode", mode); // chmod of the open directory, through its /proc link
        }
    }

    /** Sets this directory's permissions (rwx only: set-id and sticky bits are cleared). */
    public void setPermissions(Set<PosixFilePermission> permissions) throws IOException {
        stream.getFileAttributeView(PosixFileAttributeView.class).setPermissions(permissions);
    }

    /** Device and inode of this directory. */
    Object key() {
        return key;
    }

    /** Where this directory was when opened; it may have moved since. For messages. */
    public Path path() {
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
