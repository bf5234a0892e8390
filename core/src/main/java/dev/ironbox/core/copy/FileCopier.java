package dev.ironbox.core.copy;

import dev.ironbox.core.concurrent.Uninterruptibly;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.tar.TarWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies between the host and a running container through {@code tar} inside it, so it works for tmpfs mounts and
 * read-only roots alike, and needs nothing from the engine but exec with standard input. Both directions refuse
 * paths that escape their target and copies over the size limit, leaving nothing behind on the receiving side
 * (see {@link dev.ironbox.core.port.in.FileCopyUseCase} for the contract). Thread-safe.
 */
public final class FileCopier {

    /** Generous: a copy is bounded by its size limit; this only catches a session that stopped responding. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** {@code $1}: the directory to extract into. {@code -o}: files belong to the sandbox user, not the archive's. */
    private static final String EXTRACT = "mkdir -p -- \"$1\" && exec tar -x -o -f - -C \"$1\"";

    private final ExecPort exec;
    private final Duration timeout;

    /** @param exec runs the {@code tar} commands in the container */
    public FileCopier(ExecPort exec) {
        this(exec, DEFAULT_TIMEOUT);
    }

    FileCopier(ExecPort exec, Duration timeout) {
        this.exec = exec;
        this.timeout = timeout;
    }

    /**
     * Copies {@code hostSource} (a file or a directory tree) into {@code containerDirectory} (absolute; created when
     * absent), keeping its name. Everything is checked, and the size summed, before anything is sent.
     *
     * @throws InvalidConfigurationException when the source is missing, holds a link that escapes it, a hard-linked
     *     or special file, or more than {@code maxBytes} of content; or the directory is not absolute
     * @throws ContainerFailureException when the container cannot receive it (not running, read-only target, no
     *     space, no {@code tar} in its image)
     */
    public CopyResult copyIn(ContainerId container, Path hostSource, String containerDirectory, long maxBytes)
            throws InterruptedException {
        requirePositive(maxBytes);
        String directory = ContainerPaths.absolute(containerDirectory);
        try (SourceTree tree = SourceTree.scan(hostSource, maxBytes)) {
            return send(container, tree, hostSource, directory);
        }
    }

    private CopyResult send(ContainerId container, SourceTree tree, Path hostSource, String directory)
            throws InterruptedException {
        CopyExec copy = new CopyExec(exec, container, List.of("sh", "-c", EXTRACT, "ironbox-cp", directory));
        BytePipe pipe = new BytePipe();
        AtomicReference<IOException> sendFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try (OutputStream out = pipe.sink()) {
                TarWriter tar = new TarWriter(out);
                tree.writeTo(tar);
                try {
                    tar.finish();
                } catch (IOException e) {
                    // tar may stop reading at the first end block; everything was sent by then.
                }
            } catch (IOException e) {
                sendFailure.set(e);
            }
        }, "ironbox-copy-in");
        sender.setDaemon(true);
        sender.start();
        int code;
        try {
            code = copy.run(pipe.source(), bytes -> {}, timeout, "copying " + hostSource + " into the session");
        } finally {
            // Whatever happened, the sender must not stay blocked on a pipe nobody reads.
            pipe.closeReader();
            Uninterruptibly.join(sender);
        }
        if (code != 0) {
            throw new ContainerFailureException("copying " + hostSource + " into " + directory + " failed (tar exit "
                    + code + "): " + copy.errors().strip());
        }
        if (sendFailure.get() != null) {
            throw new InvalidConfigurationException("copying " + hostSource + " into the session failed part way, "
                    + "the session may hold part of it: " + sendFailure.get().getMessage(), sendFailure.get());
        }
        return tree.totals();
    }

    /**
     * Copies {@code containerPath} (absolute; a file or directory tree) to the host: inside {@code hostDestination}
     * under its own name when that is an existing directory, else at {@code hostDestination}. The tree is extracted
     * into a fresh directory next to the destination and moved into place only when complete and checked.
     *
     * @throws InvalidConfigurationException when the path is missing, an entry escapes, the destination exists,
     *     or the content is larger than {@code maxBytes}
     * @throws ContainerFailureException when the container cannot send it (not running, unreadable, no {@code tar})
     */
    public CopyResult copyOut(ContainerId container, String containerPath, Path hostDestination, long maxBytes)
            throws InterruptedException {
        requirePositive(maxBytes);
        return new CopyOut(exec, container, timeout).copy(ContainerPaths.split(containerPath), hostDestination,
                maxBytes);
    }

    private static void requirePositive(long maxBytes) {
        if (maxBytes <= 0) {
            throw new InvalidConfigurationException("the copy size limit must be positive, not " + maxBytes);
        }
    }

    /** Absolute paths inside the container, normalised lexically ({@code .}, {@code ..} and double slashes). */
    static final class ContainerPaths {

        private ContainerPaths() {}

        /** @return {parent directory, name} */
        static String[] split(String path) {
            String normal = absolute(path);
            if (normal.equals("/")) {
                throw new InvalidConfigurationException("cannot copy the session's root directory; name a file or "
                        + "directory in it");
            }
            int slash = normal.lastIndexOf('/');
            return new String[] {slash == 0 ? "/" : normal.substring(0, slash), normal.substring(slash + 1)};
        }

        static String absolute(String path) {
            if (path == null || !path.startsWith("/") || path.indexOf('\0') >= 0) {
                throw new InvalidConfigurationException("a path in the session must be absolute, not: " + path);
            }
            Deque<String> parts = new ArrayDeque<>();
            for (String part : path.split("/")) {
                if (part.equals("..")) {
                    parts.pollLast();
                } else if (!part.isEmpty() && !part.equals(".")) {
                    parts.addLast(part);
                }
            }
            return "/" + String.join("/", parts);
        }
    }
}
