package dev.ironbox.core.image;

import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ImageReference;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.port.out.ImagePort;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local images without a registry: imports a root filesystem (a directory or a tar archive) or builds the host-tools
 * image. Whatever fails, nothing is left behind: no temporary file is ever written, and an image the engine created
 * from a failed import is removed. Thread-safe.
 */
public final class ImageBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageBuilder.class);

    private final ImagePort images;

    public ImageBuilder(ImagePort images) {
        this.images = Objects.requireNonNull(images, "images");
    }

    /**
     * Imports {@code rootfs} as image {@code tag} ({@link dev.ironbox.core.port.in.ImageUseCase#buildImage}).
     *
     * @param rootfs a directory (streamed as a tar; sockets, FIFOs and devices skipped), or a tar archive, plain or
     *     gzip-compressed
     * @param progress told the bytes sent and the total: the file's size, or the directory's walked estimate
     * @return the stored reference: {@code tag}, with {@code :latest} when it has no tag
     * @throws InvalidConfigurationException when {@code tag} is not a valid image reference, or {@code rootfs} is
     *     missing, unreadable, or neither a directory nor a tar archive
     * @throws ImageUnavailableException when the engine refuses the archive, or reading the directory fails midway
     */
    public String build(Path rootfs, String tag, TransferProgress progress) {
        Objects.requireNonNull(progress, "progress");
        String reference = ImageReference.parse(tag).toString();
        Path source = RootfsSources.check(rootfs);
        if (Files.isDirectory(source)) {
            importDirectory(reference, source, progress);
        } else {
            importArchive(reference, source, progress);
        }
        return reference;
    }

    /**
     * Builds the host-tools image {@code tag} ({@link dev.ironbox.core.port.in.ImageUseCase#buildHostToolsImage}),
     * labelled {@link HostTools#LABEL}.
     *
     * @throws InvalidConfigurationException when {@code tag} is not a valid image reference
     * @throws ImageUnavailableException when the engine refuses the archive or cannot label imports
     */
    public String buildHostTools(String tag, TransferProgress progress) {
        Objects.requireNonNull(progress, "progress");
        String reference = ImageReference.parse(tag).toString();
        byte[] tar = HostTools.rootfsTar(Path.of("/"));
        importCleanly(reference, Map.of(HostTools.LABEL, "1"), progress, OptionalLong.of(tar.length),
                () -> new ByteArrayInputStream(tar));
        return reference;
    }

    /** Every local image of the engine. */
    public List<ImageSummary> list() {
        return images.list();
    }

    private void importDirectory(String reference, Path directory, TransferProgress progress) {
        long total;
        try {
            total = RootfsArchive.estimatedSize(directory);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidConfigurationException("cannot read the rootfs directory " + directory + ": "
                    + e.getMessage(), e);
        }
        try (RootfsArchive archive = RootfsArchive.start(directory)) {
            try {
                importCleanly(reference, Map.of(), progress, OptionalLong.of(total), archive::stream);
            } catch (ImageUnavailableException e) {
                if (archive.failure() == null) {
                    throw e;
                }
                ImageUnavailableException clear = new ImageUnavailableException("cannot import " + directory
                        + " as image " + reference + ": " + archive.failure().getMessage(), archive.failure());
                clear.addSuppressed(e);
                throw clear;
            }
        } catch (IOException e) {
            throw new ImageUnavailableException("cannot stream " + directory + ": " + e.getMessage(), e);
        }
    }

    private void importArchive(String reference, Path archive, TransferProgress progress) {
        long size;
        try {
            size = Files.size(archive);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read the rootfs archive " + archive + ": " + e.getMessage(), e);
        }
        importCleanly(reference, Map.of(), progress, OptionalLong.of(size), () -> Files.newInputStream(archive));
    }

    /** Imports, and removes whatever image the engine made of a failed import; an older image of the tag stays. */
    private void importCleanly(String reference, Map<String, String> labels, TransferProgress progress,
            OptionalLong total, TarSource source) {
        Optional<String> before = currentId(reference);
        try (InputStream tar = source.open()) {
            ProgressInputStream counted = new ProgressInputStream(tar, progress, total);
            if (labels.isEmpty()) {
                images.importRootfs(reference, counted);
            } else {
                images.importRootfs(reference, counted, labels);
            }
            progress.update(counted.bytes(), OptionalLong.of(Math.max(counted.bytes(), total.orElse(0))));
        } catch (IOException e) {
            removeIfNew(reference, before, e);
            throw new ImageUnavailableException("cannot import image " + reference + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeIfNew(reference, before, e);
            throw e;
        }
    }

    private void removeIfNew(String reference, Optional<String> before, Exception failure) {
        try {
            Optional<String> now = currentId(reference);
            if (now.isPresent() && !now.equals(before)) {
                LOG.info("removing image {} left by a failed import", reference);
                images.remove(reference);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The image's id, or a marker when the runtime can only tell that it exists. */
    private Optional<String> currentId(String reference) {
        try {
            return images.inspect(reference).map(ImageSummary::id);
        } catch (ImageUnavailableException e) {
            return images.exists(reference) ? Optional.of("present, id unknown") : Optional.empty();
        }
    }

    @FunctionalInterface
    private interface TarSource {
        InputStream open() throws IOException;
    }
}
