package dev.ironbox.core.port.in;

import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.TransferProgress;
import java.nio.file.Path;
import java.util.List;

/** Local images without a registry ({@code ironbox image}). */
public interface ImageUseCase {

    /**
     * Imports a root filesystem as image {@code tag}.
     *
     * @param rootfs a directory, or a tar archive (optionally gzip-compressed)
     * @param progress told the bytes sent to the engine, and the total when known
     * @return the image reference as stored ({@code tag} with {@code :latest} added when it has no tag)
     * @throws dev.ironbox.core.error.InvalidConfigurationException when {@code tag} is not a valid image reference,
     *     or {@code rootfs} is neither a directory nor a tar archive
     */
    String buildImage(Path rootfs, String tag, TransferProgress progress);

    /**
     * Builds a tiny image that, at run time, mounts the host's own {@code /usr}, {@code /bin}, {@code /lib*} and CA
     * certificates read-only, so a sandbox can use the host's toolchain offline.
     *
     * @return the image reference as stored
     */
    String buildHostToolsImage(String tag, TransferProgress progress);

    /** Every local image of this runtime. */
    List<ImageSummary> images();
}
