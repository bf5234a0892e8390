package dev.ironbox.core.service;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.CopyResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A host file or directory tree checked for copying into a session: walked without following links; links that are
 * absolute or lead outside the tree, files with several hard links, special files and anything unreadable are
 * refused, and the content is summed against the limit before anything is sent.
 */
final class SourceTree {

    private enum Kind { DIRECTORY, FILE, SYMLINK }

    private record Item(Path path, String name, Kind kind, int mode, long size, long mtime, String target) {}

    private final List<Item> items;
    private final CopyResult totals;

    private SourceTree(List<Item> items, CopyResult totals) {
        this.items = items;
        this.totals = totals;
    }

    /**
     * @throws InvalidConfigurationException when the source is missing, holds something that cannot be copied, or
     *     has more than {@code maxBytes} of file content
     */
    static SourceTree scan(Path source, long maxBytes) {
        Path root = source.toAbsolutePath().normalize();
        if (root.getFileName() == null) {
            throw new InvalidConfigurationException("cannot copy the host's root directory; name a file or directory");
        }
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidConfigurationException("no such file or directory to copy: " + source);
        }
        String top = root.getFileName().toString();
        List<Item> items = new ArrayList<>();
        long[] counts = new long[3];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
                        throw refused(dir, "cannot be read");
                    }
                    items.add(item(dir, Kind.DIRECTORY, 0, attrs, null));
                    counts[1]++;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isSymbolicLink()) {
                        String target = Files.readSymbolicLink(file).toString();
                        if (!LinkCheck.staysInside(file, target, root)) {
                            throw refused(file, "is a symbolic link to " + target + ", outside what is copied");
                        }
                        items.add(item(file, Kind.SYMLINK, 0, attrs, target));
                    } else if (attrs.isRegularFile()) {
                        if (((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() > 1) {
                            throw refused(file, "has several hard links; copy a plain file instead");
                        }
                        if (!Files.isReadable(file)) {
                            throw refused(file, "cannot be read");
                        }
                        counts[0]++;
                        counts[2] += attrs.size();
                        if (counts[2] > maxBytes) {
                            throw new InvalidConfigurationException("copy larger than the limit of " + maxBytes
                                    + " bytes: " + source + " holds more");
                        }
                        items.add(item(file, Kind.FILE, attrs.size(), attrs, null));
                    } else {
                        throw refused(file, "is a special file (device, fifo or socket)");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    throw refused(file, "cannot be read (" + e.getMessage() + ")");
                }

                private Item item(Path path, Kind kind, long size, BasicFileAttributes attrs, String target)
                        throws IOException {
                    int mode = ((Number) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue();
                    String relative = root.relativize(path).toString();
                    String name = relative.isEmpty() ? top : top + "/" + relative;
                    return new Item(path, name, kind, mode & 07777, size, attrs.lastModifiedTime().toMillis() / 1000,
                            target);
                }
            });
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return new SourceTree(items, new CopyResult(counts[0], counts[1], counts[2]));
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
        for (Item item : items) {
            switch (item.kind()) {
                case DIRECTORY -> tar.directory(item.name(), item.mode(), item.mtime());
                case SYMLINK -> tar.symlink(item.name(), item.target(), item.mtime());
                case FILE -> {
                    try (InputStream in = Files.newInputStream(item.path(), StandardOpenOption.READ,
                            LinkOption.NOFOLLOW_LINKS)) {
                        tar.file(item.name(), item.mode(), item.size(), item.mtime(), in);
                    } catch (NoSuchFileException e) {
                        throw new NoSuchFileException(item.path() + " disappeared while it was being copied");
                    }
                }
            }
        }
    }

    private static InvalidConfigurationException refused(Path path, String why) {
        return new InvalidConfigurationException("refused to copy " + path + ": it " + why);
    }
}
