package dev.ironbox.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.host.FileModes;
import dev.ironbox.core.copy.HostShellExec.Tar;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.CopyResult;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Copies through a real tar (GNU and busybox) run by the host's shell, the host standing in for the container. */
class FileCopierTest {

    private static final ContainerId CONTAINER = new ContainerId("host-as-container");
    private static final long LIMIT = 1 << 20;
    private static final String LONG = "a-name-longer-than-ustar-allows-".repeat(5);

    @TempDir Path temp;
    private Path host;
    private Path box;

    @BeforeEach
    void dirs() throws IOException {
        host = Files.createDirectories(temp.resolve("host"));
        box = Files.createDirectories(temp.resolve("box"));
    }

    @ParameterizedTest
    @EnumSource(value = Tar.class, names = {"GNU", "BUSYBOX"})
    void aFileGoesInIntoADirectoryThatIsCreated(Tar tar) throws Exception {
        Path file = write(host.resolve("notes.txt"), "hello\n");
        CopyResult result = copier(tar).copyIn(CONTAINER, file, box + "/in/deep", LIMIT);

        assertThat(box.resolve("in/deep/notes.txt")).hasContent("hello");
        assertThat(result).isEqualTo(new CopyResult(1, 0, 6));
    }

    @ParameterizedTest
    @EnumSource(value = Tar.class, names = {"GNU", "BUSYBOX"})
    void aTreeGoesInWithEmptyDirsLongNamesInnerLinksAndModes(Tar tar) throws Exception {
        Path tree = sampleTree(host.resolve("project"));
        CopyResult result = copier(tar).copyIn(CONTAINER, tree, box.toString(), LIMIT);

        assertSameTree(tree, box.resolve("project"));
        assertThat(result.files()).isEqualTo(3);
        assertThat(result.directories()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(value = Tar.class, names = {"GNU", "BUSYBOX"})
    void aTreeComesOutWhole(Tar tar) throws Exception {
        Path tree = sampleTree(box.resolve("work"));
        CopyResult result = copier(tar).copyOut(CONTAINER, box + "/work", host.resolve("copy"), LIMIT);

        assertSameTree(tree, host.resolve("copy"));
        assertThat(result).isEqualTo(new CopyResult(3, 4, 6 + 3 + 2));
        assertThat(host).isDirectoryContaining(p -> p.getFileName().toString().equals("copy"));
        assertThat(Files.list(host).count()).as("no staging directory left").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Tar.class, names = {"GNU", "BUSYBOX"})
    void aFileComesOutIntoAnExistingDirectoryUnderItsName(Tar tar) throws Exception {
        write(box.resolve("out.log"), "done\n");
        CopyResult result = copier(tar).copyOut(CONTAINER, box + "/./out.log", host, LIMIT);

        assertThat(host.resolve("out.log")).hasContent("done");
        assertThat(result).isEqualTo(new CopyResult(1, 0, 5));
    }

    @Test
    void anExistingDestinationIsRefusedAndKeptAsItWas() throws Exception {
        write(box.resolve("report"), "new\n");
        Path existing = write(host.resolve("report"), "old\n");
        HostShellExec exec = exec(Tar.GNU);

        assertThatThrownBy(() -> new FileCopier(exec).copyOut(CONTAINER, box + "/report", host, LIMIT))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("already exists");
        assertThat(existing).hasContent("old");
        assertThat(exec.execs).isEmpty();
        assertThat(Files.list(host).count()).isEqualTo(1);
    }

    @Test
    void aMissingSourceIsSaidBothWays() throws Exception {
        HostShellExec exec = exec(Tar.GNU);
        FileCopier copier = new FileCopier(exec);

        assertThatThrownBy(() -> copier.copyIn(CONTAINER, host.resolve("nope"), box.toString(), LIMIT))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("no such file")
                .hasMessageContaining("nope");
        assertThat(exec.execs).isEmpty();
        assertThatThrownBy(() -> copier.copyOut(CONTAINER, box + "/nope", host.resolve("x"), LIMIT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no such file or directory in the session: " + box + "/nope");
        assertThat(host).isEmptyDirectory();
    }

    @Test
    void linksThatLeaveTheSourceAndSpecialFilesAreRefusedBeforeAnythingRuns() throws Exception {
        HostShellExec exec = exec(Tar.GNU);
        FileCopier copier = new FileCopier(exec);
        Path absolute = Files.createDirectories(host.resolve("absolute"));
        Files.createSymbolicLink(absolute.resolve("passwd"), Path.of("/etc/passwd"));
        Path escaping = Files.createDirectories(host.resolve("escaping/sub"));
        Files.createSymbolicLink(escaping.resolve("up"), Path.of("../../absolute"));
        Path special = Files.createDirectories(host.resolve("special"));
        new ProcessBuilder("mkfifo", special.resolve("fifo").toString()).start().waitFor();
        Path hardlinked = Files.createDirectories(host.resolve("hardlinked"));
        Files.createLink(hardlinked.resolve("twin"), write(host.resolve("original"), "x"));

        assertRefusedIn(copier, absolute, "passwd", "/etc/passwd");
        assertRefusedIn(copier, host.resolve("escaping"), "sub/up", "outside");
        assertRefusedIn(copier, special, "fifo", "special file");
        assertRefusedIn(copier, hardlinked, "twin", "hard links");
        assertThat(exec.execs).isEmpty();
        assertThat(box).isEmptyDirectory();
    }

    @Test
    void aSourceOverTheLimitIsRefusedBeforeAnythingRuns() throws Exception {
        HostShellExec exec = exec(Tar.GNU);
        Path tree = sampleTree(host.resolve("project"));

        assertThatThrownBy(() -> new FileCopier(exec).copyIn(CONTAINER, tree, box.toString(), 10))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("copy larger than the limit of 10 bytes");
        assertThat(exec.execs).isEmpty();
        assertThat(box).isEmptyDirectory();
    }

    @ParameterizedTest
    @EnumSource(value = Tar.class, names = {"GNU", "BUSYBOX"})
    void aCopyOutOverTheLimitStopsTheTarAndLeavesNothing(Tar tar) throws Exception {
        Path work = Files.createDirectories(box.resolve("work"));
        write(work.resolve("small"), "12345");
        try (RandomAccessFile big = new RandomAccessFile(work.resolve("zbig").toFile(), "rw")) {
            big.setLength(64L << 20); // sparse: costs no disk
        }
        HostShellExec exec = exec(tar);

        assertThatThrownBy(() -> new FileCopier(exec).copyOut(CONTAINER, work.toString(), host, LIMIT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("copy larger than the limit of " + LIMIT + " bytes");
        assertThat(exec.killed()).as("the tar in the container was killed").isTrue();
        assertThat(host).isEmptyDirectory();
    }

    @Test
    void anAbsoluteLinkInTheSessionIsRefusedOnTheWayOutAndNothingIsLeft() throws Exception {
        Path work = Files.createDirectories(box.resolve("work"));
        write(work.resolve("a"), "a");
        Files.createSymbolicLink(work.resolve("shadow"), Path.of("/etc/shadow"));

        assertThatThrownBy(() -> copier(Tar.GNU).copyOut(CONTAINER, work.toString(), host, LIMIT))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("work/shadow")
                .hasMessageContaining("/etc/shadow");
        assertThat(host).isEmptyDirectory();
    }

    @Test
    void aTargetTheSessionCannotWriteFailsWithTarsMessage() throws Exception {
        Path file = write(host.resolve("f"), "x");
        Path blocker = write(box.resolve("blocker"), "a file, not a directory");

        assertThatThrownBy(() -> copier(Tar.GNU).copyIn(CONTAINER, file, blocker + "/sub", LIMIT))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("blocker/sub")
                .hasMessageContaining("Not a directory");
    }

    @Test
    void anImageWithoutTarIsNamedAsTheProblem() throws Exception {
        Path file = write(host.resolve("f"), "x");

        assertThatThrownBy(() -> copier(Tar.NONE).copyIn(CONTAINER, file, box.toString(), LIMIT))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("has no sh or tar");
    }

    @Test
    void relativeOrRootSessionPathsAreRefused() throws Exception {
        FileCopier copier = copier(Tar.GNU);
        Path file = write(host.resolve("f"), "x");

        assertThatThrownBy(() -> copier.copyIn(CONTAINER, file, "relative/dir", LIMIT))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> copier.copyOut(CONTAINER, "/..", host.resolve("x"), LIMIT))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("root directory");
        assertThatThrownBy(() -> copier.copyOut(CONTAINER, "/x", host.resolve("no/such/parent"), LIMIT))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("parent directory");
    }

    /** project/{README (6 B), bin/run.sh (3 B, executable), empty/, LONG/LONG.txt (2 B), link -> bin/run.sh}. */
    static Path sampleTree(Path root) throws IOException {
        Files.createDirectories(root.resolve("empty"));
        write(root.resolve("README"), "hello\n");
        Path run = write(Files.createDirectories(root.resolve("bin")).resolve("run.sh"), "ok\n");
        Files.setPosixFilePermissions(run, FileModes.permissions(0755));
        write(Files.createDirectories(root.resolve(LONG)).resolve(LONG + ".txt"), "x\n");
        Files.createSymbolicLink(root.resolve("link"), Path.of("bin/run.sh"));
        return root;
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
        try (Stream<Path> walk = Files.walk(expected)) {
            for (Path path : walk.toList()) {
                Path copy = actual.resolve(expected.relativize(path).toString());
                if (Files.isSymbolicLink(path)) {
                    assertThat(Files.readSymbolicLink(copy)).isEqualTo(Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    assertThat(copy).isDirectory();
                } else {
                    assertThat(copy).hasSameBinaryContentAs(path);
                    assertThat(Files.getPosixFilePermissions(copy))
                            .contains(PosixFilePermission.OWNER_READ)
                            .containsAll(Files.getPosixFilePermissions(path).stream()
                                    .filter(p -> p.name().endsWith("EXECUTE")).toList());
                }
            }
        }
        try (Stream<Path> walk = Files.walk(actual)) {
            try (Stream<Path> original = Files.walk(expected)) {
                assertThat(walk.count()).isEqualTo(original.count());
            }
        }
    }

    private void assertRefusedIn(FileCopier copier, Path source, String name, String why) {
        assertThatThrownBy(() -> copier.copyIn(CONTAINER, source, box.toString(), LIMIT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(source.resolve(name).toString()).hasMessageContaining(why);
    }

    private FileCopier copier(Tar tar) throws IOException {
        return new FileCopier(exec(tar));
    }

    private HostShellExec exec(Tar tar) throws IOException {
        return new HostShellExec(tar, Files.createDirectories(temp.resolve("bin-" + tar)));
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
