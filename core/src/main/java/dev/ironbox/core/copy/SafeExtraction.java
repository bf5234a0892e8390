package dev.ironbox.core.copy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.host.FileModes;
import dev.ironbox.core.host.LinkCheck;
import dev.ironbox.core.host.OpenFiles;
import dev.ironbox.core.host.PinnedDirectory;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.tar.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 * outside the tree, hard links, devices and fifos, duplicate names, trees deeper than {@value #MAX_DEPTH}. The
 * caller deletes the directory's content when this throws.
 *
 * <p>Every file, directory and link is made relative to an open directory ({@link PinnedDirectory}), never through
 * a path: the extraction directory sits next to the destination, maybe in a workspace a running sandbox can write,
 * which could otherwise rename it away and put a link to a host directory in its place while files are written.
 *
 * <p>The limit counts what the archive costs, not only file content: each entry is charged its 512-byte header and
 * any extended headers before it, so a flood of empty files or directories cannot get past a small limit. It stops
 * as soon as the total would pass the limit. Copied-out modes lose group and other write (and set-id and sticky):
 * a sandbox must not leave world-writable files on the host.
 */
public final class SafeExtraction {

    /** Deeper trees are refused: each level is a directory held open while its entries are written. */
    static final int MAX_DEPTH = 256;

    private static final int COPY_BUFFER = 64 * 1024;

    private final PinnedDirectory root;
    private final String topName;
    private final long maxBytes;
    private final List<List<String>> links = new ArrayList<>();
    /** The directories open below the root, for the names in {@link #openParts}: entries come grouped by directory. */
    private final List<PinnedDirectory> open = new ArrayList<>();
    private final List<String> openParts = new ArrayList<>();
    private long files;
    private long directories;
    private long bytes;
    /** Content plus every entry's headers: what the limit is checked against. */
    private long charged;

    /**
     * @param root an empty directory to extract into, held open; not closed here
     * @param topName the one name every entry must be or be under (what was archived)
     * @param maxBytes the most archive bytes to accept: file content plus each entry's headers
     */
    SafeExtraction(PinnedDirectory root, String topName, long maxBytes) {
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
        try {
            TarReader.Entry entry;
            while ((entry = tar.next()) != null) {
                charge(entry.headerBytes(), "the archive is larger than the limit of " + maxBytes + " bytes (each "
                        + "entry counts its " + TarReader.BLOCK + "-byte header besides its content)");
                List<String> parts = parts(entry);
                String name = parts.get(parts.size() - 1);
                PinnedDirectory parent = directory(entry, parts.subList(0, parts.size() - 1));
                if (entry.isDirectory()) {
                    makeDirectory(entry, parent, name);
                    directory(entry, parts).setPermissions(FileModes.permissions(hostMode(entry.mode() | 0700)));
                    directories++;
                } else if (entry.isRegularFile()) {
                    writeFile(entry, parent, name, tar.content());
                } else if (entry.isSymlink()) {
                    makeLink(entry, parent, name, parts);
                } else {
                    throw refused(entry, "is a " + kind(entry.type()) + "; only files, directories and symbolic "
                            + "links are copied");
                }
            }
        } finally {
            closeBelow(0);
        }
        if (files + directories + links.size() == 0) {
            throw new InvalidConfigurationException("the copy was empty: nothing named " + topName + " arrived");
        }
        // Links are checked again now that the whole tree exists: one may lead through another.
        for (List<String> parts : links) {
            Path link = onDisk(parts);
            String target = Files.readSymbolicLink(link).toString();
            if (!LinkCheck.staysInside(link, target, root.path().resolve(topName))) {
                throw new InvalidConfigurationException("refused to copy " + String.join("/", parts)
                        + ": it is a symbolic link to " + target + ", which leads outside the copy");
            }
        }
        return new CopyResult(files, directories, bytes);
    }

    /** An entry's name as checked components: relative, no {@code ..}, under the top name, not too deep. */
    private List<String> parts(TarReader.Entry entry) {
        if (entry.name().startsWith("/")) {
            throw refused(entry, "has an absolute name");
        }
        List<String> parts = new ArrayList<>();
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
        if (parts.size() > MAX_DEPTH) {
            throw refused(entry, "is more than " + MAX_DEPTH + " directories deep");
        }
        return parts;
    }

    /**
     * The open directory at {@code parts} below the root, made when absent; every directory on the way must be a
     * real directory (not a link).
     */
    private PinnedDirectory directory(TarReader.Entry entry, List<String> parts) throws IOException {
        int common = 0;
        while (common < parts.size() && common < openParts.size() && parts.get(common).equals(openParts.get(common))) {
            common++;
        }
        closeBelow(common);
        for (int i = common; i < parts.size(); i++) {
            PinnedDirectory parent = i == 0 ? root : open.get(i - 1);
            String part = parts.get(i);
            if (!parent.exists(part)) {
                parent.createDirectory(part);
            } else {
                BasicFileAttributes attributes = parent.attributes(part);
                if (attributes.isSymbolicLink()) {
                    throw refused(entry, "goes through the symbolic link " + String.join("/", parts.subList(0, i + 1)));
                }
                if (!attributes.isDirectory()) {
                    throw refused(entry, "is under " + String.join("/", parts.subList(0, i + 1))
                            + ", which is not a directory");
                }
            }
            open.add(parent.child(part));
            openParts.add(part);
        }
        return parts.isEmpty() ? root : open.get(parts.size() - 1);
    }

    private void closeBelow(int depth) throws IOException {
        while (open.size() > depth) {
            open.remove(open.size() - 1).close();
            openParts.remove(openParts.size() - 1);
        }
    }

    private void makeDirectory(TarReader.Entry entry, PinnedDirectory parent, String name) throws IOException {
        if (!parent.exists(name)) {
            parent.createDirectory(name);
        } else if (parent.attributes(name).isSymbolicLink()) {
            throw refused(entry, "is a directory where a symbolic link already is");
        } else if (!parent.attributes(name).isDirectory()) {
            throw refused(entry, "is a directory where a file already is");
        }
    }

    private void writeFile(TarReader.Entry entry, PinnedDirectory parent, String name, InputStream content)
            throws IOException {
        if (parent.exists(name)) {
            throw refused(entry, "appears twice in the archive");
        }
        charge(entry.size(), "copy larger than the limit of " + maxBytes + " bytes");
        byte[] buffer = new byte[COPY_BUFFER];
        try (SeekableByteChannel channel = parent.createFile(name);
                OutputStream out = Channels.newOutputStream(channel)) {
            int n;
            while ((n = content.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            if (!OpenFiles.finish(parent, name, FileModes.permissions(hostMode(entry.mode() | 0600)),
                    FileTime.from(entry.mtime(), TimeUnit.SECONDS))) {
                throw refused(entry, "was replaced on the host while it was being copied");
            }
        }
        bytes += entry.size();
        files++;
    }

    private void makeLink(TarReader.Entry entry, PinnedDirectory parent, String name, List<String> parts)
            throws IOException {
        if (parent.exists(name)) {
            throw refused(entry, "appears twice in the archive");
        }
        if (!LinkCheck.staysInside(onDisk(parts), entry.linkName(), root.path().resolve(topName))) {
            throw refused(entry, "is a symbolic link to " + entry.linkName() + ", outside the copy");
        }
        parent.createSymbolicLink(name, entry.linkName());
        links.add(List.copyOf(parts));
    }

    /** Where {@code parts} are below the root, as a path: for judging links, which read what is on disk. */
    private Path onDisk(List<String> parts) {
        Path path = root.path();
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
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
}
