package dev.ironbox.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.host.HostPathsTest;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.tar.TarWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox's links at a copy's host side, with real links on this host and no engine: a copy out never lands
 * outside the directory it was given through a link the sandbox made, also when the sandbox swaps one in while the
 * copy runs; a copy in never reads through one.
 */
class CopyLinkAttackTest {

    private static final ContainerId SESSION = new ContainerId("session");
    private static final long LIMIT = 1 << 20;

    @TempDir Path temp;
    private Path workspace;
    private Path outside;

    @BeforeEach
    void dirs() throws IOException {
        workspace = HostPathsTest.Sandboxed.workspace(temp.resolve("workspace"));
        outside = Files.createDirectories(temp.resolve("outside"));
    }

    @Test
    void aDestinationThatIsTheSandboxsLinkToAHostDirectoryIsRefused() throws Exception {
        Path out = HostPathsTest.Sandboxed.link(workspace.resolve("out"), outside);
        SessionTar exec = new SessionTar(() -> {});

        assertThatThrownBy(() -> new FileCopier(exec).copyOut(SESSION, "/tmp/report", out, LIMIT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(out + " is a symbolic link (to " + outside + ")")
                .hasMessageContaining("not followed");
        assertThat(outside).isEmptyDirectory();
        assertThat(exec.ran).as("refused before anything ran").isFalse();
    }

    @Test
    void aDestinationUnderTheSandboxsLinkIsRefused() throws Exception {
        Path out = HostPathsTest.Sandboxed.link(workspace.resolve("out"), outside);

        assertThatThrownBy(() -> new FileCopier(new SessionTar(() -> {})).copyOut(SESSION, "/tmp/report",
                out.resolve("report"), LIMIT))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("is a symbolic link");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aLinkSwappedInForTheDestinationWhileTheCopyRunsIsNotFollowed() throws Exception {
        Path out = Files.createDirectories(workspace.resolve("out"));
        Path moved = workspace.resolve("moved");
        SessionTar exec = new SessionTar(() -> {
            // the sandbox, while the session's tar runs: the directory checked goes, its link takes the place
            Files.move(out, moved);
            HostPathsTest.Sandboxed.link(out, outside);
        });

        new FileCopier(exec).copyOut(SESSION, "/tmp/report", out, LIMIT);

        assertThat(outside).isEmptyDirectory();
        assertThat(moved.resolve("report")).as("the copy went where it was checked").hasContent("the report\n");
        try (Stream<Path> left = Files.list(moved)) {
            assertThat(left).as("no staging directory left").containsExactly(moved.resolve("report"));
        }
    }

    @Test
    void aLinkSwappedInForTheStagingDirectoryIsNotWrittenThrough() throws Exception {
        Path out = Files.createDirectories(workspace.resolve("out"));
        SessionTar exec = new SessionTar(() -> {
            try (Stream<Path> staging = Files.list(out)) {
                Path fresh = staging.filter(p -> p.getFileName().toString().startsWith(".ironbox-cp-")).findFirst()
                        .orElseThrow();
                Files.move(fresh, workspace.resolve("taken"));
                HostPathsTest.Sandboxed.link(fresh, outside);
            }
        });

        new FileCopier(exec).copyOut(SESSION, "/tmp/report", out, LIMIT);

        assertThat(outside).isEmptyDirectory();
        assertThat(out.resolve("report")).hasContent("the report\n");
    }

    @Test
    void aCopyInRefusesASourceUnderTheSandboxsLink() throws Exception {
        Files.writeString(outside.resolve("secret"), "host secret");
        Path link = HostPathsTest.Sandboxed.link(workspace.resolve("src"), outside);
        SessionTar exec = new SessionTar(() -> {});

        assertThatThrownBy(() -> new FileCopier(exec).copyIn(SESSION, link.resolve("secret"), "/tmp", LIMIT))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("is a symbolic link");
        assertThat(exec.ran).isFalse();
    }

    @Test
    void aCopyInDoesNotReadThroughALinkSwappedInAfterTheCheck() throws Exception {
        Path src = Files.createDirectories(workspace.resolve("src/sub"));
        Files.writeString(src.resolve("secret"), "decoy");
        Files.writeString(outside.resolve("secret"), "host secret");
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try (SourceTree tree = SourceTree.scan(workspace.resolve("src"), LIMIT)) {
            Files.move(src, workspace.resolve("src/elsewhere"));
            HostPathsTest.Sandboxed.link(src, outside);

            assertThatThrownBy(() -> tree.writeTo(new TarWriter(sent))).isInstanceOf(IOException.class);
        }
        assertThat(sent.toString(StandardCharsets.ISO_8859_1)).doesNotContain("host secret");
    }

    /** Something the sandbox does while the session's tar runs. */
    @FunctionalInterface
    interface Meanwhile {
        void run() throws IOException;
    }

    /** A session whose tar sends one file, "report", after the sandbox did {@code meanwhile}. */
    private static final class SessionTar implements ExecPort {
        private final Meanwhile meanwhile;
        volatile boolean ran;

        SessionTar(Meanwhile meanwhile) {
            this.meanwhile = meanwhile;
        }

        @Override
        public OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout) {
            if (spec.command().contains("ironbox-exec-killer")) {
                return OptionalInt.of(0);
            }
            ran = true;
            try {
                meanwhile.run();
                ByteArrayOutputStream archive = new ByteArrayOutputStream();
                TarWriter tar = new TarWriter(archive);
                tar.file("report", 0644, "the report\n".getBytes(StandardCharsets.UTF_8));
                tar.finish();
                sink.accept(new OutputChunk(StreamType.STDOUT, archive.toByteArray()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return OptionalInt.of(0);
        }
    }
}
