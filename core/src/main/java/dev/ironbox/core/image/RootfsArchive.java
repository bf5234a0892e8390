package dev.ironbox.core.image;

import dev.ironbox.core.tar.TarWriter;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host directory as a root filesystem tar, written by a background thread into a pipe so that a tree of any size
 * streams to the engine without a temporary file. Entries keep their permission bits (setuid, setgid and sticky
 * included), belong to root, and come in name order. Symlinks are kept as they are, absolute ones too: inside an
 * image they resolve against the container's root. Modification times are kept; hard links become copies; names
 * of any length are kept (pax extended headers). Sockets, FIFOs and device nodes are
 * skipped (and logged): the engine gives a container its own {@code /dev}, and an image may not create devices.
 *
 * <p>The stream ends with an {@link IOException}, never a clean end, when writing fails (an unreadable file, a file
 * that vanished): a tar cut short at an entry boundary would otherwise import as a smaller, valid image.
 */
final class RootfsArchive implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RootfsArchive.class);
    private static final int BLOCK = 512;
    private static final int PIPE_BYTES = 256 * 1024;
    private static final int USTAR_NAME = 100;

    private final Path root;
    private final PipedInputStream pipe;
    private final Thread writer;
    private volatile IOException failure;
    private volatile int skipped;

    private RootfsArchive(Path root) throws IOException {
        this.root = root;
        this.pipe = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream out = new PipedOutputStream(pipe);
        this.writer = new Thread(() -> write(out), "ironbox-rootfs-tar");
        this.writer.setDaemon(true);
    }

    /** Starts writing the tar of directory {@code root}; read it from {@link #stream()}, then {@link #close()}. */
    static RootfsArchive start(Path root) throws IOException {
        RootfsArchive archive = new RootfsArchive(root);
        archive.writer.start();
        return archive;
    }

    /**
     * The size the tar of {@code root} will have, from one walk of the tree: a header per entry (and an extended
     * header for a long name or link target), the file contents in whole blocks, the end blocks. Exact unless files
     * change while they are read.
     */
    static long estimatedSize(Path root) throws IOException {
        long total = 2L * BLOCK;
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree.skip(1)::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attributes.isOther()) {
                    continue;
                }
                String name = name(root, path) + (attributes.isDirectory() ? "/" : "");
                String target = attributes.isSymbolicLink() ? Files.readSymbolicLink(path).toString() : "";
                total += BLOCK + paxSize(name, target);
                if (attributes.isRegularFile()) {
                    total += blocks(attributes.size());
                }
            }
        }
        return total;
    }

    /** Names and link targets longer than a ustar field go in one extended header: a header block and records. */
    private static long paxSize(String name, String target) {
        Map<String, String> pax = new LinkedHashMap<>();
        if (name.getBytes(StandardCharsets.UTF_8).length > USTAR_NAME) {
            pax.put("path", name);
        }
        if (target.getBytes(StandardCharsets.UTF_8).length > USTAR_NAME) {
            pax.put("linkpath", target);
        }
        return pax.isEmpty() ? 0 : BLOCK + blocks(TarWriter.paxRecords(pax).length);
    }

    private static long blocks(long bytes) {
        return (bytes + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** The tar; read it to its end once. */
    InputStream stream() {
        return new FilterInputStream(pipe) {
            @Override
            public int read() throws IOException {
                return endOrFailure(super.read());
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return endOrFailure(super.read(buffer, offset, length));
            }

            @Override
            public void close() {
                // the archive closes the pipe
            }
        };
    }

    /** Why writing failed, when it did (known once {@link #stream()} has ended). */
    IOException failure() {
        return failure;
    }

    /** Entries skipped because they are sockets, FIFOs or devices. */
    int skipped() {
        return skipped;
    }

    /** Stops the writer (closing the pipe makes its next write fail) and waits for it. */
    @Override
    public void close() {
        try {
            pipe.close();
        } catch (IOException e) {
            // a pipe's close does not fail
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // the writer ends within a second of the pipe's close; wait for it
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private int endOrFailure(int result) throws IOException {
        if (result < 0) {
            awaitWriter();
            if (failure != null) {
                throw new IOException("cannot write the tar of " + root + ": " + failure.getMessage(), failure);
            }
        }
        return result;
    }

    private void awaitWriter() throws IOException {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the tar of " + root + " was written");
        }
    }

    private void write(PipedOutputStream out) {
        try (out) {
            TarWriter tar = new TarWriter(out);
            writeChildren(tar, root);
            tar.finish();
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException(e.getMessage(), e);
        }
        if (skipped > 0) {
            LOG.warn("skipped {} sockets, FIFOs or device nodes under {}", skipped, root);
        }
    }

    private void writeChildren(TarWriter tar, Path directory) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(directory)) {
            children = list.sorted().collect(Collectors.toList());
        }
        for (Path child : children) {
            writeEntry(tar, child);
        }
    }

    private void writeEntry(TarWriter tar, Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String name = name(root, path);
        long mtime = attributes.lastModifiedTime().to(TimeUnit.SECONDS);
        if (attributes.isSymbolicLink()) {
            tar.symlink(name, Files.readSymbolicLink(path).toString(), mtime);
        } else if (attributes.isDirectory()) {
            tar.directory(name, mode(path), mtime);
            writeChildren(tar, path);
        } else if (attributes.isRegularFile()) {
            try (InputStream content = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                tar.file(name, mode(path), attributes.size(), mtime, content);
            }
        } else {
            skipped++; // only the writer thread counts
        }
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static String name(Path root, Path path) {
        return root.relativize(path).toString();
    }
}
