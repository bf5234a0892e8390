package dev.ironbox.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.SandboxPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** System, engine and home directories refused as workspaces — themselves, below them, above them, through links. */
class WorkspaceGuardTest {

    private static final EngineInfo DOCKER = EngineInfo.basic("docker", "20.10", "1.41",
            "unix:///var/run/docker.sock", Optional.of(Path.of("/var/run/docker.sock")));

    @TempDir
    Path temp;

    private final String realHome = System.getProperty("user.home");

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", realHome);
    }

    private static Path check(Path workspace) {
        return WorkspaceGuard.check(workspace, SandboxPolicy.WORKSPACE_WRITE, DOCKER);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/|is / (the root directory",
        "/etc|is /etc (the host's configuration)",
        "/etc/ssl|is inside /etc (the host's configuration)",
        "/proc/self|a kernel filesystem",
        "/sys|is /sys (a kernel filesystem)",
        "/dev|is /dev (a kernel filesystem)",
        "/boot|is /boot (the kernel and boot loader)",
        "/run|(the directory of the engine socket /var/run/docker.sock)",
        "/run/docker|is inside /var/run (the directory of the engine socket /var/run/docker.sock)",
        "/run/containerd|the directory of the engine socket /run/containerd/containerd.sock",
        "/run/podman|the directory of the engine socket /run/podman/podman.sock",
        "/var/run|is /var/run (the directory of the engine socket /var/run/docker.sock)",
        "/var/lib|is /var/lib (the state of the engines and packages",
        "/var/lib/docker|is inside /var/lib (the state of the engines and packages",
        "/var/lib/containers|is inside /var/lib",
        "/var/log|is /var/log (the host's logs)",
        "/var|contains /var/run (the directory of the engine socket /var/run/docker.sock)",
        "/usr|is /usr (the host's programs and libraries)",
        "/usr/local/bin|is inside /usr",
        "/bin|is /bin (the host's programs and libraries)",
        "/sbin|is /sbin (the host's programs and libraries)",
        "/lib|is /lib (the host's programs and libraries)",
        "/lib64|is /lib64 (the host's programs and libraries)",
    })
    void systemAndEngineDirectoriesAreRefusedNamingTheDirectoryAndWhy(String workspace, String why) {
        assertThatThrownBy(() -> check(Path.of(workspace)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("workspace " + workspace)
                .hasMessageContaining(" is refused: it ")
                .hasMessageContaining(why)
                .hasMessageEndingWith("which a sandbox must not be given; choose a project directory");
    }

    @Test
    void aLinkToASystemDirectoryIsThatDirectory() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("innocent"), Path.of("/etc"));
        assertThatThrownBy(() -> check(link))
                .hasMessage("workspace " + link + " (/etc) is refused: it is /etc (the host's configuration), which a "
                        + "sandbox must not be given; choose a project directory");
        Path deeper = Files.createSymbolicLink(temp.resolve("state"), Path.of("/var/lib/docker"));
        assertThatThrownBy(() -> check(deeper)).hasMessageContaining("is inside /var/lib");
    }

    @Test
    void theHomeItselfAndItsSecretsAreRefusedButItsProjectsAreNot() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home/u"));
        System.setProperty("user.home", home.toString());
        Path project = Files.createDirectories(home.resolve("project"));
        for (String secret : new String[] {".ssh", ".gnupg", ".config/ironbox", ".docker", ".kube", ".aws",
                ".local/share/containers"}) {
            Path dir = Files.createDirectories(home.resolve(secret));
            assertThatThrownBy(() -> check(dir)).as(secret).hasMessageContaining("is refused: it is");
        }
        assertThatThrownBy(() -> check(home)).hasMessageContaining("it is " + home + " (your home: every secret in it)");
        assertThatThrownBy(() -> check(temp.resolve("home"))).hasMessageContaining("it contains " + home);
        assertThat(check(project)).isEqualTo(project.toRealPath());
        // not this caller's home (unless $HOME still says so): root's, with everything in it
        assertThatThrownBy(() -> check(Path.of("/root"))).hasMessageContaining("is refused: it is /root (");
    }

    @Test
    void theDirectoryOfTheEnginesOwnSocketIsRefusedWithWhatHoldsIt() throws IOException {
        Path sockets = Files.createDirectories(temp.resolve("engine"));
        Path below = Files.createDirectories(sockets.resolve("plugins"));
        Path other = Files.createDirectories(temp.resolve("project"));
        EngineInfo engine = EngineInfo.basic("docker", "1", "1", "unix://" + sockets.resolve("docker.sock"),
                Optional.of(sockets.resolve("docker.sock")));
        for (Path refused : new Path[] {sockets, below, temp}) {
            assertThatThrownBy(() -> WorkspaceGuard.check(refused, SandboxPolicy.READ_ONLY, engine))
                    .hasMessageContaining("the directory of the engine socket " + sockets.resolve("docker.sock"));
        }
        assertThat(WorkspaceGuard.check(other, SandboxPolicy.READ_ONLY, engine)).isEqualTo(other.toRealPath());
    }

    @Test
    void projectDirectoriesStayAllowed() throws IOException {
        assertThat(check(temp)).isEqualTo(temp.toRealPath());
        for (Path parent : new Path[] {Path.of("/srv"), Path.of("/opt"), Path.of(realHome)}) {
            Path project = Files.createTempDirectory(parent, "ironbox-guard-");
            try {
                assertThat(check(project)).isEqualTo(project.toRealPath());
            } finally {
                Files.delete(project);
            }
        }
    }

    @Test
    void aHugeOrHostilePathIsNamedShortAndPrintable() {
        Path huge = temp.resolve("a".repeat(200) + "\n" + "b");
        assertThatThrownBy(() -> check(huge))
                .hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(200));
    }
}
