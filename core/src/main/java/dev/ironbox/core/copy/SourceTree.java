package dev.ironbox.core.copy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.host.HostPaths;
import dev.ironbox.core.host.LinkCheck;
import dev.ironbox.core.host.PinnedDirectory;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.tar.TarWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A host file or directory tree checked for copying into a session: walked without following links; links that are
 * absolute or lead outside the tree, files with several hard links, special files and anything unreadable are
 * refused, and the content is summed against the limit before anything is sent.
 *
 * <p>The source may lie in a workspace a running sandbox writes, so nothing is reached through a path it could
 * redirect: a link on the way to the source is followed only when no sandbox can have made it ({@link HostPaths}),
 * and the walk and the reading are relative to directories held open ({@link PinnedDirectory}), from the scan until
 * the tree has been written. Close it.
 */
final class SourceTree implements Closeable {

    private enum Kind { DIRECTORY, FILE, SYMLINK }

    /** One entry: its path components below the source's directory, the first being the source's own name. */
    private record Item(List<String> parts, Kind kind, int mode, long size, long mtime, String target) {
        String name() {
            return String.join("/", parts);
        }
    }

    private final PinnedDirectory parent;
    private final Path shown;
    private final List<Item> items;
    private final CopyResult totals;

    private SourceTree(PinnedDirectory parent, Path shown, List<Item> items, CopyResult totals) {
        this.parent = parent;
        this.shown = shown;
        this.items = items;
        this.totals = totals;
    }

    /**
     * @throws InvalidConfigurationException when the source is missing, holds something that cannot be copied, or
     *     has more than {@code maxBytes} of file content
     */
    static SourceTree scan(Path source, long maxBytes) {
        Path given = source.toAbsolutePath();
        String what = "cannot copy " + source;
        Path last = given.getFileName();
        if (last != null && (last.toString().equals(".") || last.toString().equals(".."))) {
            given = HostPaths.realPath(given, what);
            last = given.getFileName();
        }
        if (last == null) {
            throw new InvalidConfigurationException("cannot copy the host's root directory; name a file or directory");
        }
        Path directory = HostPaths.realPath(given.getParent(), what);
        PinnedDirectory parent;
        try {
            parent = PinnedDirectory.open(directory);
        } catch (IOException e) {
            throw new InvalidConfigurationException(what + ": " + directory + " changed while being read ("
                    + e.getMessage() + ")", e);
        }
        try {
            String top = last.toString();
            if (!parent.exists(top)) {
                throw new InvalidConfigurationException("no such file or directory to copy: " + source);
            }
            Scan scan = new Scan(directory, maxBytes, source);
            scan.visit(parent, List.of(top));
            return new SourceTree(parent, directory, scan.items, new CopyResult(scan.files, scan.directories,
                    scan.bytes));
        } catch (IOException | RuntimeException e) {
            closeQuietly(parent);
            if (e instanceof InvalidConfigurationException refused) {
                throw refused;
            }
            throw new InvalidConfigurationException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The walk: depth first, each directory before what it holds, as tar wants them. */
    private static final class Scan {
        private final Path directory;
        private final long maxBytes;
        private final Path source;
        private final List<Item> items = new ArrayList<>();
        private long files;
        private long directories;
        private long bytes;

        Scan(Path directory, long maxBytes, Path source) {
            this.directory = directory;
            this.maxBytes = maxBytes;
            this.source = source;
        }

        void visit(PinnedDirectory in, List<String> parts) throws IOException {
            String name = parts.get(parts.size() - 1);
            Path path = onHost(directory, parts);
            Map<String, Object> attributes = in.unixAttributes(name, "mode,size,lastModifiedTime,nlink");
            int mode = (Integer) attributes.get("mode");
            long mtime = ((FileTime) attributes.get("lastModifiedTime")).toMillis() / 1000;
            switch (mode & 0170000) {
                case 0040000 -> {
                    if (parts.size() > SafeExtraction.MAX_DEPTH) {
                        throw refused(path, "is more than " + SafeExtraction.MAX_DEPTH + " directories deep");
                    }
                    items.add(new Item(parts, Kind.DIRECTORY, mode & 07777, 0, mtime, null));
                    directories++;
                    try (PinnedDirectory child = open(in, name, path)) {
                        for (String entry : child.names()) {
                            List<String> below = new ArrayList<>(parts);
                            below.add(entry);
                            visit(child, List.copyOf(below));
                        }
                    }
                }
                case 0120000 -> {
                    String target = in.readLink(name);
                    if (!LinkCheck.staysInside(path, target, onHost(directory, parts.subList(0, 1)))) {
                        throw refused(path, "is a symbolic link to " + target + ", outside what is copied");
                    }
                    items.add(new Item(parts, Kind.SYMLINK, mode & 07777, 0, mtime, target));
                }
                case 0100000 -> {
                    if (((Number) attributes.get("nlink")).intValue() > 1) {
                        throw refused(path, "has several hard links; copy a plain file instead");
                    }
                    long size = (Long) attributes.get("size");
                    files++;
                    bytes += size;
                    if (bytes > maxBytes) {
                        throw new InvalidConfigurationException("copy larger than the limit of " + maxBytes
                                + " bytes: " + source + " holds more");
                    }
                    try (var ignored = in.openFile(name)) {
                        // readable, and a regular file when opened: checked before anything is sent
                    } catch (AccessDeniedException e) {
                        throw refused(path, "cannot be read");
                    }
                    items.add(new Item(parts, Kind.FILE, mode & 07777, size, mtime, null));
                }
                default -> throw refused(path, "is a special file (device, fifo or socket)");
            }
        }

        private static PinnedDirectory open(PinnedDirectory in, String name, Path path) throws IOException {
            try {
                return in.child(name);
            } catch (AccessDeniedException e) {
                throw refused(path, "cannot be read");
            }
        }
    }

    /** What the copy holds: files, directories and bytes of content. */
    CopyResult totals() {
        return totals;
    }

    /**
     * Writes the tree's entries as tar; the caller ends the archive ({@link TarWriter#finish()}).
     *
     * @throws IOException when a file cannot be read any more or changed size, or the receiving side went away
     */
    void writeTo(TarWriter tar) throws IOException {
        List<PinnedDirectory> open = new ArrayList<>(); // open.get(i): the directory at parts[0..i]
        try {
            for (Item item : items) {
                List<String> parts = item.parts();
                while (open.size() > parts.size() - 1) {
                    open.remove(open.size() - 1).close(); // items come depth first: leave what is done
                }
                PinnedDirectory in = open.isEmpty() ? parent : open.get(open.size() - 1);
                String name = parts.get(parts.size() - 1);
                switch (item.kind()) {
                    case DIRECTORY -> {
                        tar.directory(item.name(), item.mode(), item.mtime());
                        open.add(in.child(name));
                    }
                    case SYMLINK -> tar.symlink(item.name(), item.target(), item.mtime());
                    case FILE -> {
                        try (InputStream content = Channels.newInputStream(in.openFile(name))) {
                            tar.file(item.name(), item.mode(), item.size(), item.mtime(), content);
                        } catch (NoSuchFileException e) {
                            throw new NoSuchFileException(onHost(shown, parts) + " disappeared while it was being "
                                    + "copied");
                        }
                    }
                }
            }
        } finally {
            for (PinnedDirectory directory : open) {
                closeQuietly(directory);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(parent);
    }

    private static Path onHost(Path directory, List<String> parts) {
        Path path = directory;
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // a directory opened for reading: nothing is lost
        }
    }

    private static InvalidConfigurationException refused(Path path, String why) {
        return new InvalidConfigurationException("refused to copy " + path + ": it " + why);
    }
}
