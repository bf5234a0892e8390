package dev.ironbox.kubernetes.exec;

import dev.ironbox.core.error.ContainerFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exec's standard input, read to its end into a private temporary file first, so its exact length is known
 * before the exec starts ({@link ExecCommand} frames the input with it: the exec protocol cannot close the input).
 * Bounded: more than the pod could store is refused before anything runs. Deleted on {@link #close()}.
 */
final class InputSpool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InputSpool.class);
    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final long length;

    private InputSpool(Path file, long length) {
        this.file = file;
        this.length = length;
    }

    /**
     * Reads {@code input} to its end (the caller closes it).
     *
     * @param maxBytes the most it may hold
     * @throws ContainerFailureException when the input is larger than {@code maxBytes} or cannot be read or kept
     */
    static InputSpool of(InputStream input, long maxBytes, String what) {
        Path file;
        try {
            file = createPrivate();
        } catch (IOException e) {
            throw new ContainerFailureException("cannot keep the input of " + what + " in a temporary file", e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            int n;
            while ((n = input.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new ContainerFailureException("the input of " + what + " is larger than the pod can "
                            + "store (" + maxBytes + " bytes of ephemeral storage)");
                }
                out.write(buffer, 0, n);
            }
            return new InputSpool(file, total);
        } catch (IOException | RuntimeException e) {
            delete(file);
            if (e instanceof ContainerFailureException refused) {
                throw refused;
            }
            throw new ContainerFailureException("cannot read the input of " + what, e);
        }
    }

    long length() {
        return length;
    }

    /** Writes the whole input to {@code out}, then flushes it (it is not closed: that is the exec's). */
    void sendTo(OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
        out.flush();
    }

    @Override
    public void close() {
        delete(file);
    }

    private static Path createPrivate() throws IOException {
        try {
            return Files.createTempFile("ironbox-exec-", ".stdin",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile("ironbox-exec-", ".stdin");
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the temporary input file {}: {}", file, e.getMessage());
        }
    }
}
