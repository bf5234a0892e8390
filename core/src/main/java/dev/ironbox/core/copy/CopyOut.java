package dev.ironbox.core.copy;

import dev.ironbox.core.concurrent.Uninterruptibly;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.host.HostPaths;
import dev.ironbox.core.host.PinnedDirectory;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.tar.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One copy out of a container: {@code tar -c} runs there, its output is parsed and checked on a reader thread as it
 * arrives, into a fresh directory next to the destination, which is moved into place only when all went well. A
 * refused entry or a copy over the limit kills the tar at once; whatever happens, the fresh directory is deleted.
 * The size limit counts each entry's tar headers besides file content (see {@link SafeExtraction}).
 *
 * <p>The destination may lie in a workspace that a running sandbox writes, so it is resolved without following a
 * link the sandbox could have made ({@link HostPaths}), then its directory is held open ({@link PinnedDirectory}):
 * the fresh directory is made in it and the copy renamed into it relative to that open directory, so a directory
 * swapped for a link meanwhile cannot send the copy elsewhere.
 */
final class CopyOut {

    private static final Logger LOG = LoggerFactory.getLogger(CopyOut.class);

    /** {@code $1}: the parent directory, {@code $2}: the name in it to archive. */
    private static final String ARCHIVE = "[ -e \"$1/$2\" ] || [ -h \"$1/$2\" ] || { echo \"no such file or directory: "
            + "$1/$2\" >&2; exit " + CopyExec.NO_SUCH_PATH + "; }; exec tar -c -f - -C \"$1\" -- \"$2\"";

    /** What the receiver thread does with the archive; a seam so tests can make it fail in any way. */
    interface Extractor {
        CopyResult extract(PinnedDirectory staging, String topName, long maxBytes, InputStream archive)
                throws IOException;
    }

    /** Where the copy goes: {@code name} in the real directory {@code directory}. */
    private record Target(Path directory, String name) {
        Path path() {
            return directory.resolve(name);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

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
        Target target = target(hostDestination, name);
        try (PinnedDirectory directory = pin(target)) {
            if (directory.exists(target.name())) {
                throw exists(target.path());
            }
            String stagingName = ".ironbox-cp-" + HexFormat.of().formatHex(randomBytes());
            try {
                directory.createDirectory(stagingName);
            } catch (IOException e) {
                throw new InvalidConfigurationException("cannot write in " + target.directory() + ": "
                        + e.getMessage(), e);
            }
            try {
                return copyThrough(directory, stagingName, source, target, maxBytes, shown);
            } finally {
                deleteQuietly(directory, stagingName);
            }
        } catch (IOException e) {
            throw changed(target, e);
        }
    }

    /** Extracts into the fresh directory {@code stagingName} of {@code directory}, then renames the copy out of it. */
    private CopyResult copyThrough(PinnedDirectory directory, String stagingName, String[] source, Target target,
            long maxBytes, String shown) throws InterruptedException, IOException {
        try (PinnedDirectory staging = directory.child(stagingName)) {
            try {
                CopyResult result = receive(source, staging, maxBytes, shown);
                // Checked again just before: no rename may replace what appeared there meanwhile.
                if (directory.exists(target.name())) {
                    throw exists(target.path());
                }
                // Both held open, so a rename: the copy appears whole or not at all, in the directory checked.
                staging.move(source[1], directory, target.name());
                return result;
            } finally {
                deleteContents(staging);
            }
        }
    }

    private CopyResult receive(String[] source, PinnedDirectory staging, long maxBytes, String shown)
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
            Uninterruptibly.join(receiver);
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

    /**
     * Inside an existing directory under the copy's own name, else the path itself; never an existing path. Links on
     * the way, and at the destination itself, are followed only when no sandbox can have made them ({@link HostPaths}).
     */
    private static Target target(Path hostDestination, String name) {
        Path given = hostDestination.toAbsolutePath();
        String what = "cannot copy to " + hostDestination;
        Path last = given.getFileName();
        if (last == null || last.toString().equals(".") || last.toString().equals("..")) {
            return new Target(HostPaths.realPath(given, what), name);
        }
        if (!Files.isDirectory(given.getParent())) {
            throw new InvalidConfigurationException(what + ": its parent directory does not exist");
        }
        Path parent = HostPaths.realPath(given.getParent(), what);
        Path at = parent.resolve(last);
        if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
            return new Target(parent, last.toString());
        }
        if (Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(at)) {
            Path real = HostPaths.realPath(at, what); // refuses a link a sandbox could have made
            if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                return new Target(real, name);
            }
        }
        throw exists(at);
    }

    private static PinnedDirectory pin(Target target) {
        try {
            return PinnedDirectory.open(target.directory());
        } catch (IOException e) {
            throw changed(target, e);
        }
    }

    private static InvalidConfigurationException changed(Target target, IOException e) {
        return new InvalidConfigurationException("cannot copy to " + target.path() + ": its directory changed while "
                + "being copied into (" + e.getMessage() + "); nothing was copied", e);
    }

    private static InvalidConfigurationException exists(Path target) {
        return new InvalidConfigurationException(target + " already exists; nothing was copied or overwritten");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Deletes what is in {@code directory}, relative to it: nothing outside is reached, whatever was swapped in. */
    static void deleteContents(PinnedDirectory directory) {
        try {
            for (String name : directory.names()) {
                if (directory.attributes(name).isDirectory()) {
                    try (PinnedDirectory child = directory.child(name)) {
                        deleteContents(child);
                    }
                    directory.deleteDirectory(name);
                } else {
                    directory.deleteFile(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete all of the copy's staging directory {}: {}", directory.path(), e.getMessage());
        }
    }

    private static void deleteQuietly(PinnedDirectory directory, String name) {
        try {
            directory.deleteDirectory(name);
        } catch (IOException e) {
            LOG.warn("could not delete the copy's staging directory {}: {}", directory.path().resolve(name),
                    e.getMessage());
        }
    }
}
