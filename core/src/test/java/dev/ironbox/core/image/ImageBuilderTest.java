package dev.ironbox.core.image;

import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.tar.TarEntries;
import dev.ironbox.core.tar.TarWriter;
import dev.ironbox.core.testing.RecordingImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing root filesystems, against an in-memory image store. */
class ImageBuilderTest {

    private static final String TAG = "localhost/ironbox-test/image:1";

    private final RecordingImages images = new RecordingImages();
    private final ImageBuilder builder = new ImageBuilder(images);
    private final List<long[]> updates = new CopyOnWriteArrayList<>();
    private final TransferProgress progress = (bytes, total) -> updates.add(new long[] {bytes, total.orElse(-1)});

    @TempDir
    Path dir;

    @Test
    void aDirectoryIsImportedKeepingModesAndSymlinksWithRootAsOwner() throws Exception {
        Path rootfs = sampleRootfs();
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(rootfs.resolve("run/engine.sock")));
            assertThat(builder.build(rootfs, "localhost/ironbox-test/dir", progress))
                    .isEqualTo("localhost/ironbox-test/dir:latest");
        }
        TarEntries tar = TarEntries.read(images.archives.get("localhost/ironbox-test/dir:latest"));
        assertThat(tar.entries()).containsOnlyKeys("bin/", "bin/abs", "bin/busybox", "bin/sh", "etc/", "etc/passwd",
                "run/", "tmp/", "usr/", "usr/bin/", "usr/bin/su");
        assertThat(List.copyOf(tar.entries().keySet())).isSorted();
        assertThat(tar.contents().get("bin/busybox")).isEqualTo("not really busybox");
        assertThat(tar.get("bin/busybox").getMode() & 07777).isEqualTo(0755);
        assertThat(tar.get("usr/bin/su").getMode() & 07777).isEqualTo(04755);
        assertThat(tar.get("tmp/").getMode() & 07777).isEqualTo(01777);
        assertThat(tar.get("etc/passwd").getMode() & 07777).isEqualTo(0640);
        assertThat(tar.get("bin/sh").getLinkName()).isEqualTo("busybox");
        assertThat(tar.get("bin/abs").getLinkName()).isEqualTo("/bin/busybox");
        for (TarArchiveEntry entry : tar.entries().values()) {
            assertThat(entry.getLongUserId()).as(entry.getName()).isZero();
            assertThat(entry.getLongGroupId()).as(entry.getName()).isZero();
        }
        assertThat(tar.get("bin/busybox").getLastModifiedTime().toInstant())
                .isEqualTo(Files.getLastModifiedTime(rootfs.resolve("bin/busybox")).toInstant().truncatedTo(SECONDS));
        assertThat(images.labels.get("localhost/ironbox-test/dir:latest")).isEmpty();
    }

    @Test
    void progressCountsEveryByteSentAgainstTheWalkedTotalAndLongNamesAreKept() throws Exception {
        Path rootfs = sampleRootfs();
        Files.write(rootfs.resolve("usr/big"), new byte[700_000]);
        Path deep = Files.createDirectories(rootfs.resolve("usr/share/" + "long-directory-name/".repeat(8)));
        Files.writeString(deep.resolve("file-with-a-long-path"), "deep");
        Files.createSymbolicLink(rootfs.resolve("usr/far"), Path.of("/" + "x".repeat(150)));
        builder.build(rootfs, TAG, progress);
        long sent = images.archives.get(TAG).length;
        TarEntries tar = TarEntries.read(images.archives.get(TAG));
        String deepName = rootfs.relativize(deep.resolve("file-with-a-long-path")).toString();
        assertThat(deepName).hasSizeGreaterThan(150);
        assertThat(tar.contents().get(deepName)).isEqualTo("deep");
        assertThat(tar.get("usr/far").getLinkName()).isEqualTo("/" + "x".repeat(150));
        assertThat(updates).hasSizeGreaterThan(2);
        assertThat(updates).allSatisfy(update -> assertThat(update[1]).isEqualTo(sent));
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[0]).isGreaterThanOrEqualTo(updates.get(i - 1)[0]);
        }
        assertThat(updates.get(updates.size() - 1)).containsExactly(sent, sent);
    }

    @Test
    void aTarFileIsSentAsItIsWithItsSizeAsTheTotal() throws Exception {
        byte[] tar = sampleTar();
        Path file = Files.write(dir.resolve("rootfs.tar"), tar);
        assertThat(builder.build(file, TAG, progress)).isEqualTo(TAG);
        assertThat(images.archives.get(TAG)).isEqualTo(tar);
        assertThat(updates.get(0)[1]).isEqualTo(tar.length);
        assertThat(updates.get(updates.size() - 1)).containsExactly(tar.length, tar.length);
    }

    @Test
    void aGzipCompressedTarIsAccepted() throws Exception {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(sampleTar());
        }
        Path file = Files.write(dir.resolve("rootfs.tar.gz"), gzipped.toByteArray());
        builder.build(file, TAG, TransferProgress.NONE);
        assertThat(images.archives.get(TAG)).isEqualTo(gzipped.toByteArray());
    }

    @Test
    void aFileThatIsNotATarArchiveIsRefusedAndNothingIsImported() throws Exception {
        byte[] noMagic = sampleTar();
        noMagic[257] = 'x';
        for (byte[] content : List.of("just text\n".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[4096],
                noMagic)) {
            Path file = Files.write(dir.resolve("not-a-tar"), content);
            assertThatThrownBy(() -> builder.build(file, TAG, progress))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("rootfs " + file + " is not a directory or a tar archive (plain or gzip-compressed)");
        }
        assertThat(images.archives).isEmpty();
        assertThat(updates).isEmpty();
    }

    @Test
    void aMissingPathOrTheHostRootIsRefused() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> builder.build(missing, TAG, progress))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage("rootfs " + missing + " does not exist");
        assertThatThrownBy(() -> builder.build(Path.of("/"), TAG, progress))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("host's root directory");
        assertThat(images.archives).isEmpty();
    }

    @Test
    void aBadTagIsRefusedBeforeTheRootfsIsRead() throws Exception {
        Path rootfs = sampleRootfs();
        assertThatThrownBy(() -> builder.build(rootfs, "Not/A Tag", progress))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'Not/A Tag' is not a valid image reference");
        assertThatThrownBy(() -> builder.buildHostTools("tools:", progress))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("the tag ''");
        assertThat(images.archives).isEmpty();
    }

    @Test
    void aDirectoryThatFailsMidwayFailsTheImportAndTheEnginesPartialImageIsRemoved() throws Exception {
        Path rootfs = Files.createDirectory(dir.resolve("rootfs"));
        Files.write(rootfs.resolve("a-big-file"), new byte[2 << 20]); // more than the pipe holds: the writer waits
        Path vanishing = Files.writeString(rootfs.resolve("z-vanishing"), "soon gone");
        images.keepPartialImages = true;
        // the first block is the big file's header: the writer has listed the directory and waits on the pipe
        images.afterFirstBlock = reference -> delete(vanishing);
        assertThatThrownBy(() -> builder.build(rootfs, TAG, progress))
                .isInstanceOf(ImageUnavailableException.class)
                .hasMessageStartingWith("cannot import " + rootfs + " as image " + TAG)
                .hasMessageContaining(vanishing.toString());
        assertThat(images.present).doesNotContainKey(TAG);
        assertThat(images.removed).containsExactly(TAG);
    }

    @Test
    void aRefusedArchiveLeavesNoNewImageButKeepsTheOlderImageOfTheTag() throws Exception {
        Path file = Files.write(dir.resolve("rootfs.tar"), sampleTar());
        images.beforeReading = reference -> {
            images.present.put(reference, "sha256:partial");
            throw new ImageUnavailableException("the engine refused the archive");
        };
        assertThatThrownBy(() -> builder.build(file, TAG, progress)).hasMessage("the engine refused the archive");
        assertThat(images.present).doesNotContainKey(TAG);

        images.present.put(TAG, "sha256:older");
        images.removed.clear();
        images.beforeReading = reference -> {
            throw new ImageUnavailableException("the engine refused the archive");
        };
        assertThatThrownBy(() -> builder.build(file, TAG, progress)).isInstanceOf(ImageUnavailableException.class);
        assertThat(images.present).containsEntry(TAG, "sha256:older");
        assertThat(images.removed).isEmpty();
    }

    @Test
    void theHostToolsImageIsLabelledAndListed() throws Exception {
        assertThat(builder.buildHostTools("localhost/ironbox-test/tools", progress))
                .isEqualTo("localhost/ironbox-test/tools:latest");
        String reference = "localhost/ironbox-test/tools:latest";
        assertThat(images.labels.get(reference)).isEqualTo(Map.of(HostTools.LABEL, "1"));
        TarEntries tar = TarEntries.read(images.archives.get(reference));
        assertThat(tar.contents().get("etc/passwd")).contains("sandbox:x:" + SandboxUser.current().spec() + ":");
        assertThat(updates.get(updates.size() - 1)[0]).isEqualTo(images.archives.get(reference).length);
        assertThat(builder.list()).singleElement()
                .satisfies(image -> assertThat(image.tags()).containsExactly(reference));
    }

    private Path sampleRootfs() throws IOException {
        Path rootfs = Files.createDirectory(dir.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(rootfs.resolve("usr/bin"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("run"));
        Path tmp = Files.createDirectories(rootfs.resolve("tmp"));
        Files.setAttribute(tmp, "unix:mode", 01777);
        Path busybox = Files.writeString(rootfs.resolve("bin/busybox"), "not really busybox");
        Files.setAttribute(busybox, "unix:mode", 0755);
        Files.setAttribute(busybox, "unix:uid", 1234);
        Path su = Files.writeString(rootfs.resolve("usr/bin/su"), "su");
        Files.setAttribute(su, "unix:mode", 04755);
        Path passwd = Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/:/bin/sh\n");
        Files.setAttribute(passwd, "unix:mode", 0640);
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/abs"), Path.of("/bin/busybox"));
        return rootfs;
    }

    private static byte[] sampleTar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(bytes);
        tar.directory("etc", 0755);
        tar.file("etc/hostname", 0644, "box\n".getBytes(StandardCharsets.UTF_8));
        tar.finish();
        return bytes.toByteArray();
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
