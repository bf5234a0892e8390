package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.SandboxUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sessions and file copies through the Java API on each real engine (an absent engine fails the build, as
 * {@link EmbeddingIT}): commands share the session's files, a timed-out command leaves the session usable, copies go
 * both ways, and closing removes the container.
 */
class SessionEmbeddingIT {

    private static final ResourceLimits LIMITS = ResourceLimits.builder().timeout(Duration.ofSeconds(60)).build();

    private Path workspace;

    @BeforeEach
    void workspace(TestInfo test) throws Exception {
        workspace = Files.createDirectories(Path.of("target", "session-it", test.getDisplayName()
                .replaceAll("[^A-Za-z0-9]", "_") + "-" + System.nanoTime()).toAbsolutePath());
    }

    @AfterEach
    void leavesNoContainer() {
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void commandsShareTheSessionAndATimeoutLeavesItUsable(String engine) throws Exception {
        try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(workspace).limits(LIMITS)
                .env("GREETING", "hi").build();
                IronboxSession session = ironbox.session()) {
            RunResult write = session.exec("sh", "-c", "echo $GREETING > /tmp/note; id -u");
            assertThat(write.exitCode()).as(write.combinedOutput()).isZero();
            assertThat(write.stdout()).isEqualTo(SandboxUser.current().uid() + "\n");
            assertThat(write.runtime()).isEqualTo(engine);

            List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
            RunResult read = session.exec(List.of("cat", "/tmp/note"), chunks::add);
            assertThat(read.stdout()).isEqualTo("hi\n");
            assertThat(chunks).extracting(OutputChunk::stream).containsOnly(StreamType.STDOUT);

            SessionExecRequest quick = SessionExecRequest.copyOf(session.request(List.of("sleep", "30")))
                    .withLimits(ResourceLimits.builder().timeout(Duration.ofSeconds(2)).build());
            RunResult slow = session.exec(quick, chunk -> {});
            assertThat(slow.timedOut()).isTrue();
            assertThat(slow.duration()).isLessThan(Duration.ofSeconds(25));

            RunResult after = session.exec("cat", "/tmp/note");
            assertThat(after.stdout()).as("the session lives on after a timeout").isEqualTo("hi\n");
            assertThat(ironbox.sessions()).extracting(s -> s.id()).contains(session.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void closeRemovesTheContainerAndLaterCallsAreRefused(String engine) throws Exception {
        try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(workspace).limits(LIMITS).build()) {
            IronboxSession session = ironbox.session();
            ContainerId container = session.info().container();
            assertThat(ownedContainers(engine)).contains(container);

            session.close();
            session.close();

            assertThat(ownedContainers(engine)).doesNotContain(container);
            assertThatThrownBy(() -> session.exec("true")).isInstanceOf(UnknownSessionException.class);
            assertThat(ironbox.sessions()).extracting(s -> s.id()).doesNotContain(session.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void filesGoInAndComeBackOut(String engine) throws Exception {
        Path source = Files.createDirectories(workspace.resolve("src"));
        Files.writeString(source.resolve("a.txt"), "alpha\n");
        Files.createDirectories(source.resolve("sub"));
        Files.writeString(source.resolve("sub").resolve("b.txt"), "beta\n");
        Path back = Files.createDirectories(workspace.resolve("back"));
        try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(workspace).limits(LIMITS).build();
                IronboxSession session = ironbox.session()) {
            CopyResult in = session.copyIn(source, "/tmp/work");
            assertThat(in.files()).isEqualTo(2);
            assertThat(in.bytes()).isEqualTo(11);

            RunResult changed = session.exec("sh", "-c",
                    "cat /tmp/work/src/sub/b.txt; echo gamma > /tmp/work/src/c.txt");
            assertThat(changed.stdout()).as(changed.combinedOutput()).isEqualTo("beta\n");

            CopyResult out = session.copyOut("/tmp/work/src", back);
            assertThat(out.files()).isEqualTo(3);
            assertThat(Files.readString(back.resolve("src/a.txt"))).isEqualTo("alpha\n");
            assertThat(Files.readString(back.resolve("src/sub/b.txt"))).isEqualTo("beta\n");
            assertThat(Files.readString(back.resolve("src/c.txt"))).isEqualTo("gamma\n");

            assertThatThrownBy(() -> session.copyIn(source, "/tmp/small", 4))
                    .isInstanceOf(InvalidConfigurationException.class);
            RunResult nothingLeft = session.exec("sh", "-c", "ls /tmp/small/src 2>/dev/null | wc -l");
            assertThat(nothingLeft.stdout().strip()).as("nothing half-copied").isEqualTo("0");
        }
    }

    private static List<ContainerId> ownedContainers(String engine) {
        try (ContainerRuntime runtime = RuntimeRegistry.fromServiceLoader().find(engine).orElseThrow().create()) {
            return runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid());
        }
    }
}
