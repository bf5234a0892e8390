package dev.ironbox.core.image;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/** Checks what {@code ironbox image build --rootfs} was given before anything reaches the engine. */
final class RootfsSources {

    private static final int USTAR_MAGIC_OFFSET = 257;
    private static final byte[] USTAR_MAGIC = "ustar".getBytes(StandardCharsets.US_ASCII);

    private RootfsSources() {}

    /**
     * {@code rootfs} when it is a directory (not the host's root) or a tar archive, plain (ustar or GNU magic) or
     * gzip-compressed.
     *
     * @throws InvalidConfigurationException naming the problem otherwise
     */
    static Path check(Path rootfs) {
        Objects.requireNonNull(rootfs, "rootfs");
        if (!Files.exists(rootfs)) {
            throw new InvalidConfigurationException("rootfs " + rootfs + " does not exist");
        }
        if (Files.isDirectory(rootfs)) {
            if (isHostRoot(rootfs)) {
                throw new InvalidConfigurationException("rootfs " + rootfs + " is the host's root directory; "
                        + "give a directory that holds only the image's files");
            }
            return rootfs;
        }
        if (!Files.isRegularFile(rootfs) || !isArchive(rootfs)) {
            throw new InvalidConfigurationException("rootfs " + rootfs + " is not a directory or a tar archive "
                    + "(plain or gzip-compressed)");
        }
        return rootfs;
    }

    private static boolean isArchive(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(USTAR_MAGIC_OFFSET + USTAR_MAGIC.length);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read the rootfs archive " + file + ": " + e.getMessage(), e);
        }
        boolean gzip = head.length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
        boolean tar = head.length == USTAR_MAGIC_OFFSET + USTAR_MAGIC.length
                && Arrays.equals(head, USTAR_MAGIC_OFFSET, head.length, USTAR_MAGIC, 0, USTAR_MAGIC.length);
        return gzip || tar;
    }

    private static boolean isHostRoot(Path directory) {
        try {
            return directory.toRealPath().getParent() == null;
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read the rootfs directory " + directory + ": "
                    + e.getMessage(), e);
        }
    }
}
