package dev.ironbox.core.port.in;

import dev.ironbox.core.model.CopyResult;
import java.nio.file.Path;

/**
 * Copies files and directories between the host and a running session ({@code ironbox cp}). Paths that would escape
 * their target ({@code ..}, absolute links, links pointing outside) are refused, and a copy larger than its limit
 * fails; either way nothing is left behind on the receiving side. On the host, a symbolic link on the way to the
 * source or destination (or the destination itself) is followed only when no sandbox can have made it: root owns it,
 * in a directory only root may change; any other is refused, as a workspace is the sandbox's to write.
 */
public interface FileCopyUseCase {

    /** The default size limit: 512 MiB of file content. */
    long DEFAULT_MAX_BYTES = 512L << 20;

    /**
     * Copies {@code hostSource} (a file or a directory, with everything below it) into directory
     * {@code sessionDirectory} of the session (an absolute path; created when absent), keeping its name.
     *
     * @throws dev.ironbox.core.error.UnknownSessionException when no session has that id
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the source is missing, holds a link that
     *     escapes it or a special file, or is larger than {@code maxBytes}
     * @throws dev.ironbox.core.error.ContainerFailureException when the session cannot receive it (stopped, read-only
     *     target, no {@code tar} in its image)
     */
    CopyResult copyIn(String sessionId, Path hostSource, String sessionDirectory, long maxBytes)
            throws InterruptedException;

    /**
     * Copies {@code sessionPath} (an absolute path to a file or directory in the session) to the host. When
     * {@code hostDestination} is an existing directory the copy goes inside it under its own name; otherwise it is
     * created at {@code hostDestination}, whose parent must exist. Nothing existing on the host is overwritten.
     *
     * @throws dev.ironbox.core.error.UnknownSessionException when no session has that id
     * <p>Out of a session, {@code maxBytes} bounds the archive the session sends, not only file content: every entry
     * counts its 512-byte header (and any extended header) besides its content, so a flood of empty files or
     * directories fails as surely as one large file. Copied files and directories lose group and other write
     * permission.
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the path is missing, an entry escapes the
     *     destination, the destination exists, or the archive is larger than {@code maxBytes}
     */
    CopyResult copyOut(String sessionId, String sessionPath, Path hostDestination, long maxBytes)
            throws InterruptedException;
}
