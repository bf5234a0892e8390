package dev.ironbox.core.service;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.CopyResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Extracts a tar of one file or directory tree into a directory of our own, refusing anything that could reach
 * outside it: absolute names, {@code ..}, names that go through a symlink, links that are absolute or resolve
 * outside the tree, hard links, devices and fifos, duplicate names. The caller deletes the directory when this
 * throws.
 *
 * <p>The limit counts what the archive costs, not only file content: each entry is charged its 512-byte header and
 * any extended headers before it, so a flood of empty files or directories cannot get past a small limit. It stops
 * as soon as the total would pass the limit. Copied-out modes lose group and other write (and set-id and sticky):
 * a sandbox must not leave world-writable files on the host.
 */
final class SafeExtraction {

    private static final int COPY_BUFFER = 64 * 1024;

    private final Path root;
    private final String topName;
    private final long maxBytes;
    private final List<Path> links = new ArrayList<>();
    private long files;
    private long directories;
    private long bytes;
    /** Content plus every entry's headers: what the limit is checked against. */
    private long charged;

    /**
     * @param root an empty directory to extract into
     * @param topName the one name every entry must be or be under (what was archived)
     * @param maxBytes the most archive bytes to accept: file content plus each entry's headers
     */
    SafeExtraction(Path root, String topName, long maxBytes) {
        this.root = root;
        this.topName = topName;
        this.maxBytes = maxBytes;
    }

    /**
     * Extracts every entry of {@code tar}.
     *
     * @throws InvalidConfigurationException when an entry is refused or the content is larger than the limit
     * @throws IOException when the archive is malformed or the host cannot write
     */
    CopyResult extract(TarReader tar) throws IOException {
        TarReader.Entry entry;
        while ((entry = tar.next()) != null) {
            charge(entry.headerBytes(), "the archive is larger than the limit of " + maxBytes + " bytes (each entry "
                    + "counts its " + TarReader.BLOCK + "-byte header besides its content)");
            Path path = place(entry);
            if (entry.isDirectory()) {
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(path);
                }
                Files.setPosixFilePermissions(path, permissions(hostMode(entry.mode() | 0700)));
                directories++;
            } else if (entry.isRegularFile()) {
                writeFile(path, entry, tar.content());
            } else if (entry.isSymlink()) {
                if (!LinkCheck.staysInside(path, entry.linkName(), root.resolve(topName))) {
                    throw refused(entry, "is a symbolic link to " + entry.linkName() + ", outside the copy");
                }
                Files.createSymbolicLink(path, Path.of(entry.linkName()));
                links.add(path);
            } else {
                throw refused(entry, "is a " + kind(entry.type()) + "; only files, directories and symbolic links "
                        + "are copied");
            }
        }
        if (files + directories + links.size() == 0) {
            throw new InvalidConfigurationException("the copy was empty: nothing named " + topName + " arrived");
        }
        // Links are checked again now that the whole tree exists: one may lead through another.
        for (Path link : links) {
            String target = Files.readSymbolicLink(link).toString();
            if (!LinkCheck.staysInside(link, target, root.resolve(topName))) {
                throw new InvalidConfigurationException("refused to copy " + root.relativize(link)
                        + ": it is a symbolic link to " + target + ", which leads outside the copy");
            }
        }
        return new CopyResult(files, directories, bytes);
    }

    /** Where an entry goes: a checked name under the root whose parents are real directories (created if absent). */
    private Path place(TarReader.Entry entry) throws IOException {
        List<String> parts = new ArrayList<>();
        if (entry.name().startsWith("/")) {
            throw refused(entry, "has an absolute name");
        }
        for (String part : entry.name().split("/")) {
            if (part.equals("..")) {
                throw refused(entry, "goes up with ..");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        if (parts.isEmpty() || !parts.get(0).equals(topName)) {
            throw refused(entry, "is not under " + topName + ", what was asked for");
        }
        Path path = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            path = path.resolve(parts.get(i));
            if (Files.isSymbolicLink(path)) {
                throw refused(entry, "goes through the symbolic link " + root.relativize(path));
            }
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(path);
            } else if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(entry, "is under " + root.relativize(path) + ", which is not a directory");
            }
        }
        path = path.resolve(parts.get(parts.size() - 1));
        if (!entry.isDirectory() && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(entry, "appears twice in the archive");
        }
        if (entry.isDirectory() && Files.isSymbolicLink(path)) {
            throw refused(entry, "is a directory where a symbolic link already is");
        }
        return path;
    }

    private void writeFile(Path path, TarReader.Entry entry, InputStream content) throws IOException {
        charge(entry.size(), "copy larger than the limit of " + maxBytes + " bytes");
        byte[] buffer = new byte[COPY_BUFFER];
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = content.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
        bytes += entry.size();
        files++;
        Files.setPosixFilePermissions(path, permissions(hostMode(entry.mode() | 0600)));
        Files.setLastModifiedTime(path, FileTime.from(entry.mtime(), TimeUnit.SECONDS));
    }

    /** Counts {@code count} archive bytes against the limit, before they are written. */
    private void charge(long count, String overLimit) {
        if (count > maxBytes - charged) {
            throw new InvalidConfigurationException(overLimit);
        }
        charged += count;
    }

    /** Group and other write are dropped: setting permissions bypasses the umask, and the sandbox picks the mode. */
    static int hostMode(int mode) {
        return mode & ~0022;
    }

    private static InvalidConfigurationException refused(TarReader.Entry entry, String why) {
        return new InvalidConfigurationException("refused to copy " + entry.name() + ": it " + why);
    }

    private static String kind(char type) {
        return switch (type) {
            case '1' -> "hard link";
            case '3' -> "character device";
            case '4' -> "block device";
            case '6' -> "fifo";
            default -> "tar entry of unsupported type '" + type + "'";
        };
    }

    /** rwx bits only: set-id and sticky bits from a sandbox have no business on the host. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
