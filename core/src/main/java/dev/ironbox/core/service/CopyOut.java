package dev.ironbox.core.service;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.port.out.ExecPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One copy out of a container: {@code tar -c} runs there, its output is parsed and checked on a reader thread as it
 * arrives, into a fresh directory next to the destination, which is moved into place only when all went well. A
 * refused entry or a copy over the limit kills the tar at once; whatever happens, the fresh directory is deleted.
 * The size limit counts each entry's tar headers besides file content (see {@link SafeExtraction}).
 */
final class CopyOut {

    private static final Logger LOG = LoggerFactory.getLogger(CopyOut.class);

    /** {@code $1}: the parent directory, {@code $2}: the name in it to archive. */
    private static final String ARCHIVE = "[ -e \"$1/$2\" ] || [ -h \"$1/$2\" ] || { echo \"no such file or directory: "
            + "$1/$2\" >&2; exit " + CopyExec.NO_SUCH_PATH + "; }; exec tar -c -f - -C \"$1\" -- \"$2\"";

    /** What the receiver thread does with the archive; a seam so tests can make it fail in any way. */
    interface Extractor {
        CopyResult extract(Path staging, String topName, long maxBytes, InputStream archive) throws IOException;
    }

    private final ExecPort exec;
    private final ContainerId container;
    private final Duration timeout;
    private final Extractor extractor;

    CopyOut(ExecPort exec, ContainerId container, Duration timeout) {
        this(exec, container, timeout, (staging, topName, maxBytes, archive) ->
                new SafeExtraction(staging, topName, maxBytes).extract(new TarReader(archive)));
    }

    CopyOut(ExecPort exec, ContainerId container, Duration timeout, Extractor extractor) {
        this.exec = exec;
        this.container = container;
        this.timeout = timeout;
        this.extractor = extractor;
    }

    /** @param source {parent directory, name} in the container */
    CopyResult copy(String[] source, Path hostDestination, long maxBytes) throws InterruptedException {
        String name = source[1];
        String shown = (source[0].equals("/") ? "" : source[0]) + "/" + name;
        Path target = target(hostDestination, name);
        Path staging;
        try {
            staging = Files.createTempDirectory(target.getParent(), ".ironbox-cp-");
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot write next to " + target + ": " + e.getMessage(), e);
        }
        try {
            CopyResult result = receive(source, staging, maxBytes, shown);
            try {
                // Same directory, so a rename: the copy appears whole or not at all, and never replaces anything.
                Files.move(staging.resolve(name), target);
            } catch (FileAlreadyExistsException e) {
                throw exists(target);
            } catch (IOException e) {
                throw new InvalidConfigurationException("cannot move the copy into place at " + target + ": "
                        + e.getMessage(), e);
            }
            return result;
        } finally {
            deleteTree(staging);
        }
    }

    private CopyResult receive(String[] source, Path staging, long maxBytes, String shown)
            throws InterruptedException {
        CopyExec copy = new CopyExec(exec, container, List.of("sh", "-c", ARCHIVE, "ironbox-cp", source[0],
                source[1]));
        BytePipe pipe = new BytePipe();
        AtomicReference<CopyResult> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread receiver = new Thread(() -> {
            try {
                InputStream in = pipe.source();
                result.set(extractor.extract(staging, source[1], maxBytes, in));
                in.transferTo(OutputStream.nullOutputStream()); // tar pads its output; keep the sender unblocked
            } catch (Throwable e) { // an Error too: the engine's output thread must not wait on us forever
                failure.set(e);
                pipe.closeReader();
                try {
                    copy.kill(); // stop sending what we no longer read
                } catch (InterruptedException | RuntimeException killFailed) {
                    LOG.debug("stopping the copy's tar: {}", killFailed.getMessage());
                }
            } finally {
                pipe.closeReader(); // whatever happened, writes to the pipe now fail at once
            }
        }, "ironbox-copy-out");
        receiver.setDaemon(true);
        receiver.start();
        int code;
        try {
            code = copy.run(null, bytes -> {
                try {
                    pipe.sink().write(bytes);
                } catch (IOException e) {
                    // The receiver gave up (refused or over the limit) and is killing the tar; drop the rest.
                }
            }, timeout, "copying " + shown + " out of the session");
        } finally {
            pipe.closeWriter(); // never blocks, even when the receiver is gone
            FileCopier.joinUninterruptibly(receiver);
        }
        if (failure.get() instanceof Error error) {
            throw error; // not a copy problem (out of memory, a bug): the staging directory still goes
        }
        if (code == CopyExec.NO_SUCH_PATH) {
            throw new InvalidConfigurationException("no such file or directory in the session: " + shown);
        }
        if (failure.get() instanceof InvalidConfigurationException refused) {
            throw refused; // before the exit code: a refusal kills the tar
        }
        if (code != 0) {
            throw new ContainerFailureException("copying " + shown + " out of the session failed (tar exit " + code
                    + "): " + copy.errors().strip());
        }
        if (failure.get() != null) {
            throw new ContainerFailureException("copying " + shown + " out of the session failed: "
                    + failure.get().getMessage(), failure.get());
        }
        return result.get();
    }

    /** Inside an existing directory under the copy's own name, else the path itself; never an existing path. */
    private static Path target(Path hostDestination, String name) {
        Path destination = hostDestination.toAbsolutePath().normalize();
        Path target = Files.isDirectory(destination) ? destination.resolve(name) : destination;
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new InvalidConfigurationException("cannot copy to " + hostDestination + ": its parent directory "
                    + "does not exist");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw exists(target);
        }
        return target;
    }

    private static InvalidConfigurationException exists(Path target) {
        return new InvalidConfigurationException(target + " already exists; nothing was copied or overwritten");
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete the copy's staging directory {}: {}", root, e.getMessage());
        }
    }
}
