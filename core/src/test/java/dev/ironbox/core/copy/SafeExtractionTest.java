package dev.ironbox.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.host.PinnedDirectory;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.tar.RawTar;
import dev.ironbox.core.tar.TarReader;
import dev.ironbox.core.tar.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-crafted hostile archives: each is refused, and nothing lands outside the extraction directory. */
class SafeExtractionTest {

    @TempDir Path temp;

    @Test
    void dotDotIsRefused() throws Exception {
        assertRefused(tar(t -> {
            t.directory("top", 0755);
            t.file("top/../../escaped", 0644, bytes("pwned"));
        }), "goes up with ..");
    }

    @Test
    void anAbsoluteNameIsRefused() throws Exception {
        assertRefused(tar(t -> t.file("/" + temp.resolve("escaped"), 0644, bytes("pwned"))), "absolute name");
    }

    @Test
    void anEntryOutsideWhatWasAskedForIsRefused() throws Exception {
        assertRefused(tar(t -> t.file("other", 0644, bytes("x"))), "not under top");
    }

    @Test
    void anAbsoluteSymlinkIsRefused() throws Exception {
        assertRefused(tar(t -> {
            t.directory("top", 0755);
            t.symlink("top/etc", temp.toString());
        }), "outside the copy");
    }

    @Test
    void aRelativeSymlinkLeavingTheTreeIsRefused() throws Exception {
        assertRefused(tar(t -> {
            t.directory("top", 0755);
            t.symlink("top/up", "..");
        }), "outside the copy");
    }

    @Test
    void writingThroughASymlinkIsRefusedEvenWhenTheLinkItselfStaysInside() throws Exception {
        assertRefused(tar(t -> {
            t.directory("top/sub", 0755);
            t.symlink("top/l", "sub");
            t.file("top/l/escaped", 0644, bytes("x"));
        }), "goes through the symbolic link top/l");
    }

    @Test
    void aLinkThatLeavesThroughAnotherLinkIsRefused() throws Exception {
        // top/a/up -> .. stays inside; top/a/x -> up/../.. looks like top/.. lexically-inside but really leaves.
        assertRefused(tar(t -> {
            t.directory("top/a", 0755);
            t.symlink("top/a/up", "..");
            t.symlink("top/a/x", "up/../..");
        }), "outside the copy");
    }

    @Test
    void aLinkReplacedByAFileOfTheSameNameIsRefused() throws Exception {
        assertRefused(tar(t -> {
            t.directory("top", 0755);
            t.symlink("top/f", "g");
            t.file("top/f", 0644, bytes("x"));
        }), "appears twice");
    }

    @Test
    void hardLinksDevicesAndFifosAreRefused() throws Exception {
        for (byte type : new byte[] {TarConstants.LF_LINK, TarConstants.LF_CHR, TarConstants.LF_FIFO}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
                TarArchiveEntry entry = new TarArchiveEntry("top/special", type);
                if (type == TarConstants.LF_LINK) {
                    entry.setLinkName("/etc/passwd");
                }
                out.putArchiveEntry(entry);
                out.closeArchiveEntry();
            }
            assertRefused(bytes.toByteArray(), "only files, directories and symbolic links");
        }
    }

    @Test
    void contentPastTheLimitIsRefusedAtItsHeader() throws Exception {
        byte[] archive = tar(t -> {
            t.file("top/a", 0644, new byte[60]);
            t.file("top/b", 0644, new byte[50]);
        });
        // two headers and 60 bytes fit; the second file's 50 do not
        assertRefused(archive, 2 * 512 + 100, "copy larger than the limit of 1124 bytes");
    }

    @Test
    void everyEntryCountsItsHeaderSoAFloodOfEmptyFilesIsRefused() throws Exception {
        byte[] archive = tar(t -> {
            t.directory("top", 0755);
            for (int i = 0; i < 1000; i++) {
                t.file("top/f" + i, 0644, new byte[0]);
            }
        });
        assertRefused(archive, 1, "the archive is larger than the limit of 1 bytes");
    }

    @Test
    void theLimitIsExactlyTheHeadersPlusTheContent() throws Exception {
        byte[] archive = tar(t -> {
            t.directory("top", 0755);
            t.file("top/a", 0644, bytes("abc"));
            t.file("top/b", 0644, new byte[0]);
        });
        long exact = 3 * 512 + 3;
        Path root = Files.createDirectory(temp.resolve("root"));
        var result = extract(root, exact, archive);
        assertThat(result.bytes()).as("content only is reported").isEqualTo(3);
        deleteRecursively(root);

        assertRefused(archive, exact - 1, "larger than the limit");
    }

    @Test
    void extendedHeadersCountAgainstTheLimitToo() throws Exception {
        byte[] archive = new RawTar()
                .pax('x', "comment", "c".repeat(3000)) // six blocks of metadata
                .entry("top", '0', new byte[0])
                .end();
        assertRefused(archive, 2 * 512 + 3000, "the archive is larger than the limit");

        Path root = Files.createDirectories(temp.resolve("root"));
        extract(root, 8 * 512, archive);
        assertThat(root.resolve("top")).isEmptyFile();
    }

    @Test
    void copiedModesLoseGroupAndOtherWriteAndSpecialBits() throws Exception {
        Path root = Files.createDirectory(temp.resolve("root"));
        extract(root, 1 << 20, tar(t -> {
            t.directory("top", 0777);
            t.file("top/shared", 0666, bytes("x"));
            t.file("top/tool", 06777, bytes("x"));
            t.file("top/private", 0600, bytes("x"));
        }));

        assertThat(mode(root.resolve("top"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(root.resolve("top/shared"))).isEqualTo("rw-r--r--");
        assertThat(mode(root.resolve("top/tool"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(root.resolve("top/private"))).isEqualTo("rw-------");
    }

    @Test
    void aLinkLeavingThroughAMissingDirectoryAndComingBackIsRefused() throws Exception {
        assertRefused(tar(t -> {
            t.directory("top", 0755);
            t.file("top/b", 0644, bytes("x"));
            t.symlink("top/a", "missing/../../top/b");
        }), "outside the copy");
    }

    private static String mode(Path path) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void aPlainTreeIsExtractedWithItsCounts() throws Exception {
        Path root = Files.createDirectory(temp.resolve("root"));
        var result = extract(root, 1 << 20, tar(t -> {
            t.directory("top", 0755);
            t.file("top/sub/f", 0600, bytes("abc"));
            t.symlink("top/l", "sub/f");
        }));
        assertThat(root.resolve("top/sub/f")).hasContent("abc");
        assertThat(Files.readSymbolicLink(root.resolve("top/l"))).isEqualTo(Path.of("sub/f"));
        assertThat(result.files()).isEqualTo(1);
        assertThat(result.directories()).isEqualTo(1);
        assertThat(result.bytes()).isEqualTo(3);
    }

    @Test
    void aHostileArchiveFromTheSessionLeavesNothingOnTheHost() throws Exception {
        Path destination = Files.createDirectory(temp.resolve("destination"));
        byte[] archive = tar(t -> {
            t.directory("top", 0755);
            t.file("top/ok", 0644, bytes("fine"));
            t.file("top/../escaped", 0644, bytes("pwned"));
        });
        CannedExec exec = new CannedExec(archive);

        assertThatThrownBy(() -> new FileCopier(exec).copyOut(new ContainerId("c"), "/x/top", destination, 1 << 20))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("goes up with ..");
        assertThat(destination).isEmptyDirectory();
        assertOnlyDestinationIn(temp);
        assertThat(exec.commands.get(exec.commands.size() - 1)).contains("ironbox-exec-killer");
    }

    @Test
    void aCopyThatOutlivesItsTimeoutIsStoppedAndLeavesNothing() throws Exception {
        Path destination = Files.createDirectory(temp.resolve("destination"));
        CannedExec exec = new CannedExec(null);

        assertThatThrownBy(() -> new FileCopier(exec, Duration.ofSeconds(1)).copyOut(new ContainerId("c"), "/x/top",
                destination, 1000))
                .isInstanceOf(dev.ironbox.core.error.ContainerFailureException.class)
                .hasMessageContaining("did not finish");
        assertThat(exec.commands.get(exec.commands.size() - 1)).contains("ironbox-exec-killer");
        assertThat(destination).isEmptyDirectory();
    }

    private void assertOnlyDestinationIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("destination");
        }
    }

    private void assertRefused(byte[] archive, String why) throws IOException {
        assertRefused(archive, 1 << 20, why);
    }

    private void assertRefused(byte[] archive, long limit, String why) throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        assertThatThrownBy(() -> extract(root, limit, archive))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(why);
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("root");
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString))
                    .noneMatch(name -> name.contains("escaped"));
        }
    }

    /** Extracts {@code archive} of "top" into {@code root}, held open as the copy holds its staging directory. */
    static dev.ironbox.core.model.CopyResult extract(Path root, long limit, byte[] archive) throws IOException {
        try (PinnedDirectory pinned = PinnedDirectory.open(root.toRealPath())) {
            return new SafeExtraction(pinned, "top", limit).extract(new TarReader(new ByteArrayInputStream(archive)));
        }
    }

    interface Entries {
        void write(TarWriter tar) throws IOException;
    }

    private static byte[] tar(Entries entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(bytes);
        entries.write(tar);
        tar.finish();
        return bytes.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A container that answers every tar with the same archive, or never answers when it is null. */
    private static final class CannedExec implements ExecPort {
        final List<List<String>> commands = new ArrayList<>();
        private final byte[] archive;

        CannedExec(byte[] archive) {
            this.archive = archive;
        }

        @Override
        public synchronized OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink,
                Duration timeout) {
            commands.add(spec.command());
            if (spec.command().contains("ironbox-exec-killer")) {
                return OptionalInt.of(0);
            }
            if (archive == null) {
                return OptionalInt.empty();
            }
            for (int i = 0; i < archive.length; i += 1000) {
                sink.accept(new OutputChunk(StreamType.STDOUT,
                        java.util.Arrays.copyOfRange(archive, i, Math.min(archive.length, i + 1000))));
            }
            return OptionalInt.of(0);
        }
    }
}
