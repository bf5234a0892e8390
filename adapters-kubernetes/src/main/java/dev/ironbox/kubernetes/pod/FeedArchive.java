package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.host.PinnedDirectory;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.tar.TarWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The spec's binds as ONE tar for the feed container: {@code workspace/...} for the bind at {@code /workspace},
 * {@code binds/<n>} for each other bind (file or directory), in the order of {@link #plan}, which the pod's mounts
 * follow. Walked as {@code ironbox cp} walks a host tree (core's {@code copy.SourceTree}): relative to directories
 * held open ({@link PinnedDirectory}), following no link, directories before what they hold; special files and
 * unreadable ones are refused, as {@code ironbox cp} refuses them. Unlike {@code ironbox cp}, a link is copied as a
 * link whatever its target: in the pod it resolves inside the pod, as a link in a bind-mounted workspace resolves
 * inside the container on the engines (nothing here follows it); and a file with several hard links is copied as a
 * plain file (package managers' stores hard-link freely; the content read is the content of that very file).
 *
 * <p>The file content is summed and checked against the pod's ephemeral storage before anything is written. Not
 * thread-safe; close it.
 */
public final class FeedArchive implements Closeable {

    /** One bind fed, and the subpath of the files volume it lands in. */
    public record Fed(Mount bind, String subPath) {}

    private enum Kind { DIRECTORY, FILE, SYMLINK }

    /** One entry: its path components below its tree's parent directory, the first being the bind's own name. */
    private record Item(List<String> parts, Kind kind, int mode, long size, long mtime, String target) {}

    private record Tree(String entry, PinnedDirectory parent, List<Item> items) {}

    /** As deep as {@code ironbox cp} extracts. */
    static final int MAX_DEPTH = 256;

    private final List<Tree> trees;
    private final long bytes;

    private FeedArchive(List<Tree> trees, long bytes) {
        this.trees = trees;
        this.bytes = bytes;
    }

    /** The binds fed, each with its subpath: {@code workspace}, then {@code binds/0}, {@code binds/1}, ... */
    public static List<Fed> plan(ContainerSpec spec) {
        List<Fed> fed = new ArrayList<>();
        int other = 0;
        for (Mount bind : spec.binds()) {
            fed.add(new Fed(bind, bind.containerPath().equals(PodSpecs.WORKSPACE) ? PodNames.WORKSPACE_SUBPATH
                    : PodNames.BINDS_SUBPATH + "/" + other++));
        }
        return fed;
    }

    /**
     * Walks every bind of {@code spec}, holding their directories open until {@link #close()}.
     *
     * @param limit the pod's ephemeral storage: more file content than this is refused
     * @throws ContainerFailureException when a bind's host path does not exist or holds what cannot be copied
     * @throws PolicyRefusedException when the binds hold more than {@code limit} bytes
     */
    public static FeedArchive scan(ContainerSpec spec, long limit) {
        List<Tree> trees = new ArrayList<>();
        long bytes = 0;
        try {
            for (Fed fed : plan(spec)) {
                Scan scan = new Scan(fed.bind().hostPath(), limit, bytes);
                trees.add(scan.tree(fed.subPath()));
                bytes += scan.bytes;
            }
            return new FeedArchive(List.copyOf(trees), bytes);
        } catch (RuntimeException e) {
            trees.forEach(tree -> closeQuietly(tree.parent()));
            throw e;
        }
    }

    /**
     * Walks and sizes {@code spec}'s binds as {@link #scan} does, and lets them go: the refusals before a pod exists.
     *
     * @return the file content the archive would hold, in bytes
     */
    public static long check(ContainerSpec spec, long limit) {
        try (FeedArchive feed = scan(spec, limit)) {
            return feed.bytes();
        }
    }

    /** The file content the archive holds, in bytes. */
    public long bytes() {
        return bytes;
    }

    /**
     * Writes the whole archive, its end included; does not close {@code out}.
     *
     * @throws IOException when a file cannot be read any more or shrank, or the receiving side went away
     */
    public void writeTo(OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        boolean bindsDirectory = false;
        for (Tree tree : trees) {
            if (tree.entry().startsWith(PodNames.BINDS_SUBPATH + "/") && !bindsDirectory) {
                tar.directory(PodNames.BINDS_SUBPATH, 0755);
                bindsDirectory = true;
            }
            write(tree, tar);
        }
        tar.finish();
    }

    private static void write(Tree tree, TarWriter tar) throws IOException {
        List<PinnedDirectory> open = new ArrayList<>(); // open.get(i): the directory at parts[0..i]
        try {
            for (Item item : tree.items()) {
                List<String> parts = item.parts();
                while (open.size() > parts.size() - 1) {
                    open.remove(open.size() - 1).close(); // items come depth first: leave what is done
                }
                PinnedDirectory in = open.isEmpty() ? tree.parent() : open.get(open.size() - 1);
                String name = parts.get(parts.size() - 1);
                String entry = parts.size() == 1 ? tree.entry()
                        : tree.entry() + "/" + String.join("/", parts.subList(1, parts.size()));
                switch (item.kind()) {
                    case DIRECTORY -> {
                        tar.directory(entry, item.mode(), item.mtime());
                        open.add(in.child(name));
                    }
                    case SYMLINK -> tar.symlink(entry, item.target(), item.mtime());
                    case FILE -> {
                        // a FIFO or device swapped in after the scan would block the open (and the start) for
                        // good: Java cannot open with O_NONBLOCK nor ask the opened descriptor, so the type is read
                        // again just before the open, through the pinned directory; what remains is a swap within
                        // that instant, by a process that can write the workspace (its owner's)
                        if (!in.attributes(name).isRegularFile()) {
                            throw new IOException(in.path().resolve(name) + " is no longer a regular file: it changed"
                                    + " while it was being copied into the pod");
                        }
                        try (InputStream content = Channels.newInputStream(in.openFile(name))) {
                            tar.file(entry, item.mode(), item.size(), item.mtime(), content);
                        } catch (NoSuchFileException e) {
                            throw new NoSuchFileException(in.path().resolve(name) + " disappeared while it was being"
                                    + " copied into the pod");
                        }
                    }
                }
            }
        } finally {
            open.forEach(FeedArchive::closeQuietly);
        }
    }

    @Override
    public void close() {
        trees.forEach(tree -> closeQuietly(tree.parent()));
    }

    /** The walk of one bind: depth first, each directory before what it holds, as tar wants them. */
    private static final class Scan {
        private final Path source;
        private final long limit;
        private final long before;
        private final List<Item> items = new ArrayList<>();
        private long bytes;

        /** @param before the bytes of the binds scanned before this one */
        Scan(Path source, long limit, long before) {
            this.source = source;
            this.limit = limit;
            this.before = before;
        }

        Tree tree(String entry) {
            Path real;
            try {
                // the path the caller gave, resolved as the engines resolve a bind's source; below it, no link is
                // followed
                real = source.toRealPath();
            } catch (IOException e) {
                throw new ContainerFailureException("cannot create the pod: the bind's host path " + source
                        + " does not exist or cannot be read (" + e.getMessage() + ")", e);
            }
            if (real.getParent() == null) {
                throw new ContainerFailureException("cannot copy the host's root directory into a pod");
            }
            PinnedDirectory parent = null;
            try {
                parent = PinnedDirectory.open(real.getParent());
                visit(parent, List.of(real.getFileName().toString()));
                return new Tree(entry, parent, List.copyOf(items));
            } catch (IOException | RuntimeException e) {
                if (parent != null) {
                    closeQuietly(parent);
                }
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new ContainerFailureException("cannot read " + source + " to copy it into the pod: "
                        + e.getMessage(), e);
            }
        }

        void visit(PinnedDirectory in, List<String> parts) throws IOException {
            String name = parts.get(parts.size() - 1);
            Path path = in.path().resolve(name);
            Map<String, Object> attributes = in.unixAttributes(name, "mode,size,lastModifiedTime");
            int mode = (Integer) attributes.get("mode");
            long mtime = ((FileTime) attributes.get("lastModifiedTime")).toMillis() / 1000;
            switch (mode & 0170000) {
                case 0040000 -> {
                    if (parts.size() > MAX_DEPTH) {
                        throw refused(path, "is more than " + MAX_DEPTH + " directories deep");
                    }
                    items.add(new Item(parts, Kind.DIRECTORY, mode & 07777, 0, mtime, null));
                    try (PinnedDirectory child = open(in, name, path)) {
                        for (String entry : child.names().stream().sorted().toList()) {
                            List<String> below = new ArrayList<>(parts);
                            below.add(entry);
                            visit(child, List.copyOf(below));
                        }
                    }
                }
                case 0120000 -> items.add(new Item(parts, Kind.SYMLINK, mode & 07777, 0, mtime, in.readLink(name)));
                case 0100000 -> {
                    long size = (Long) attributes.get("size");
                    bytes += size;
                    if (before + bytes > limit) {
                        throw new PolicyRefusedException("the workspace " + source + " holds more than the pod's"
                                + " ephemeral storage of " + limit + " bytes (kubernetes.ephemeral-storage): raise"
                                + " it, or run on a smaller workspace");
                    }
                    try {
                        in.openFile(name).close(); // readable, and a regular file when opened: checked before sending
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

    private static ContainerFailureException refused(Path path, String why) {
        return new ContainerFailureException("refused to copy " + path + " into the pod: it " + why);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // a directory opened for reading: nothing is lost
        }
    }
}
