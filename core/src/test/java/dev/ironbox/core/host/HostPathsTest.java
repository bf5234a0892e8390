package dev.ironbox.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.label.SandboxUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links on the way to a copy's host path: followed only when no sandbox can have made them. */
public class HostPathsTest {

    @TempDir Path temp;
    private Path workspace;
    private Path outside;

    @BeforeEach
    void dirs() throws IOException {
        workspace = Sandboxed.workspace(temp.resolve("workspace"));
        outside = Files.createDirectories(temp.resolve("outside"));
    }

    @Test
    void aLinkTheSandboxMadeIsRefusedNamingItAndItsTarget() throws Exception {
        Path link = Sandboxed.link(workspace.resolve("out"), outside);

        assertThatThrownBy(() -> HostPaths.realPath(link.resolve("report"), "cannot copy to x"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("cannot copy to x: " + link + " is a symbolic link (to " + outside + "), which a sandbox "
                        + "could have made, so it is not followed; give the real path instead");
        assertThatThrownBy(() -> HostPaths.realPath(link, "cannot copy to x"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("is a symbolic link");
    }

    @Test
    void rootsLinkInAWorkspaceAnyoneWritesIsRefusedToo() throws Exception {
        // a sandbox can rename a link it did not make into place: the directory decides, not only the owner
        Path link = Files.createSymbolicLink(workspace.resolve("out"), outside);

        assertThatThrownBy(() -> HostPaths.realPath(link, "cannot copy to x"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("is a symbolic link");
    }

    @Test
    void theHostsOwnLinksAreFollowedAndDotDotIsTakenAfterThem() throws Exception {
        Path real = Files.createDirectories(temp.resolve("real/deep"));
        Path link = Files.createSymbolicLink(temp.resolve("layout"), Path.of("real/deep"));
        Path expected = Sandboxed.isRoot() ? real : null;
        if (expected == null) {
            // not root: no link can be root's; the rule refuses the caller's own links too
            assertThatThrownBy(() -> HostPaths.realPath(link, "x")).hasMessageContaining("symbolic link");
            return;
        }
        assertThat(HostPaths.realPath(link, "x")).isEqualTo(real.toRealPath());
        assertThat(HostPaths.realPath(link.resolve(".."), "x")).as("as the kernel: .. of where the link leads")
                .isEqualTo(temp.resolve("real").toRealPath());
        assertThat(HostPaths.realPath(Path.of("/var/run"), "x")).isEqualTo(Path.of("/var/run").toRealPath());
    }

    @Test
    void aMissingPathOrALoopIsOneClearLine() throws Exception {
        assertThatThrownBy(() -> HostPaths.realPath(outside.resolve("no/such"), "cannot copy to y"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("cannot copy to y: " + outside.resolve("no") + " does not exist (on the way to "
                        + outside.resolve("no/such") + ")");
        if (Sandboxed.isRoot()) {
            Path loop = Files.createSymbolicLink(temp.resolve("loop"), Path.of("loop"));
            assertThatThrownBy(() -> HostPaths.realPath(loop, "x")).hasMessageContaining("too many symbolic links");
        }
    }

    /** What a sandbox leaves in a workspace: a directory anyone may write, and links it owns. */
    public static final class Sandboxed {

        private Sandboxed() {}

        static boolean isRoot() {
            return !SandboxUser.current().isCaller();
        }

        /** A directory as a workspace of a sandbox that is not its owner: writable by everyone. */
        public static Path workspace(Path path) throws IOException {
            Files.createDirectories(path);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
            return path;
        }

        /** A link as the sandbox makes it: owned by the sandbox's uid (when this test may set that). */
        public static Path link(Path link, Path target) throws IOException {
            Files.createSymbolicLink(link, target);
            if (isRoot()) {
                Files.setAttribute(link, "unix:uid", SandboxUser.DEDICATED_ID, LinkOption.NOFOLLOW_LINKS);
            }
            return link;
        }
    }
}
