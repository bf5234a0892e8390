package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.SeccompProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeccompProfileFilesTest {

    private static final SeccompProfile PROFILE = new SeccompProfile("{\"defaultAction\":\"SCMP_ACT_ERRNO\"}");

    @TempDir
    Path base;

    @Test
    void theProfileIsWrittenOnceToAPrivateContentAddressedFile() throws Exception {
        SeccompProfileFiles files = new SeccompProfileFiles(base);
        Path file = files.pathOf(PROFILE);
        assertThat(file).isEqualTo(base.resolve("ironbox/seccomp/" + PROFILE.sha256() + ".json"))
                .hasContent(PROFILE.json());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(file.getParent()).isDirectoryContaining(path -> path.equals(file))
                .isDirectoryNotContaining(path -> path.toString().endsWith(".tmp"));
        Files.delete(file);
        assertThat(files.pathOf(PROFILE)).as("remembered, not written again").isEqualTo(file).doesNotExist();
        assertThat(new SeccompProfileFiles(base).pathOf(PROFILE)).hasContent(PROFILE.json());
    }

    @Test
    void aFileThatIsNotExactlyTheProfileIsReplacedAndALinkIsNotFollowed() throws Exception {
        Path directory = Files.createDirectories(base.resolve("ironbox/seccomp"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        Path file = directory.resolve(PROFILE.sha256() + ".json");
        Path elsewhere = Files.writeString(base.resolve("elsewhere"), "{}");
        Files.createSymbolicLink(file, elsewhere);

        assertThat(new SeccompProfileFiles(base).pathOf(PROFILE)).isEqualTo(file).hasContent(PROFILE.json());
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(elsewhere).hasContent("{}");

        Files.writeString(file, "{\"defaultAction\":\"SCMP_ACT_ALLOW\"}");
        assertThat(new SeccompProfileFiles(base).pathOf(PROFILE)).hasContent(PROFILE.json());
    }

    @Test
    void aDirectoryOthersCanReachIsRefused() throws Exception {
        Path directory = Files.createDirectories(base.resolve("ironbox/seccomp"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> new SeccompProfileFiles(base).pathOf(PROFILE))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageStartingWith("cannot write Ironbox's seccomp profile for Podman to " + directory)
                .hasMessageContaining("is open to others (rwxrwxrwx); at most rwx------ is safe");

        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(directory.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> new SeccompProfileFiles(base).pathOf(PROFILE))
                .hasMessageContaining(directory.getParent() + " is open to others");
    }

    @Test
    void aLinkInPlaceOfTheDirectoryIsRefused() throws Exception {
        Path real = Files.createDirectories(base.resolve("real/seccomp"));
        Files.createSymbolicLink(base.resolve("ironbox"), real.getParent());
        assertThatThrownBy(() -> new SeccompProfileFiles(base).pathOf(PROFILE))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining(base.resolve("ironbox") + " is not a directory");
    }

    @Test
    void theRuntimeDirectoryComesFirstThenTheCacheDirectory() {
        assertThat(SeccompProfileFiles.baseDirectory(Map.of("XDG_RUNTIME_DIR", "/run/user/1000",
                "XDG_CACHE_HOME", "/c"), "/home/me")).isEqualTo(Path.of("/run/user/1000"));
        assertThat(SeccompProfileFiles.baseDirectory(Map.of("XDG_CACHE_HOME", "/c"), "/home/me"))
                .isEqualTo(Path.of("/c"));
        assertThat(SeccompProfileFiles.baseDirectory(Map.of("XDG_RUNTIME_DIR", "relative"), "/home/me"))
                .isEqualTo(Path.of("/home/me/.cache"));
    }
}
