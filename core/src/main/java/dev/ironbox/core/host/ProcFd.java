package dev.ironbox.core.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Finds this process's open file descriptor on a given file, as a {@code /proc/self/fd/N} path. The JDK exposes no
 * {@code mkdirat}, {@code symlinkat} or {@code fchmod} on a channel, but the kernel follows such a path to the open
 * file itself, however it was renamed since: {@code /proc/self/fd/N/name} names {@code name} in exactly that open
 * directory, {@code /proc/self/fd/N} exactly that open file. Linux only; elsewhere nothing is found.
 *
 * <p>The descriptor is found by the file's identity, so it may be another part of this process's descriptor on the
 * same file, which that part could close and the number be reused; callers check what they did relative to their
 * own open directory afterwards ({@link PinnedDirectory}). No sandbox can bring that about: it has no say in this
 * process's descriptors.
 */
final class ProcFd {

    private static final Path FDS = Path.of("/proc/self/fd");

    private ProcFd() {}

    /**
     * An open descriptor on the file whose {@link BasicFileAttributes#fileKey() key} (device and inode) is
     * {@code key}; empty when none is open (the file was replaced by another since {@code key} was read) or there is
     * no {@code /proc}. Any descriptor on the same file will do: they all reach that file.
     */
    static Optional<Path> find(Object key) {
        if (key == null) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path fd : fds) {
                try {
                    if (key.equals(Files.readAttributes(fd, BasicFileAttributes.class).fileKey())) {
                        return Optional.of(fd);
                    }
                } catch (IOException e) {
                    // closed meanwhile, or not a file (an anonymous inode): not ours
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
