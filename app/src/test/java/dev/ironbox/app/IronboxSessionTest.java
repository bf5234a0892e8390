package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.in.FileCopyUseCase;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.testing.RunOnlySandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions, copies, images and the inventory through the embedding API, against a recording fake sandbox. */
class IronboxSessionTest {

    private static final ResourceLimits LIMITS = ResourceLimits.builder().timeout(Duration.ofSeconds(7)).build();

    @TempDir
    Path workspace;

    private final RecordingSandbox sandbox = new RecordingSandbox();
    private Ironbox ironbox;

    @BeforeEach
    void open() {
        SandboxFactory factory = new SandboxFactory() {
            @Override
            public Sandbox open(String runtimeId, SandboxSettings settings) {
                return sandbox;
            }

            @Override
            public List<String> knownRuntimes() {
                return List.of("fake");
            }
        };
        ironbox = Ironbox.builder().workspace(workspace).policy(SandboxPolicy.WORKSPACE_WRITE).image("img:1")
                .limits(LIMITS).env("K", "V").egress(EgressPolicy.denyAll()).allowDomain("example.com")
                .build(factory, requested -> new RuntimeChoice("fake", RuntimeChoice.REQUESTED));
    }

    @Test
    void aSessionStartsWithTheBuildersDefaultsOwnedByThisProcess() throws Exception {
        try (IronboxSession session = ironbox.session()) {
            assertThat(session.id()).isEqualTo("s1");
            assertThat(session.info().container()).isEqualTo(new ContainerId("c-s1"));
        }
        SessionRequest request = sandbox.started.get(0);
        assertThat(request.workspace()).isEqualTo(workspace.toAbsolutePath());
        assertThat(request.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(request.image()).isEqualTo("img:1");
        assertThat(request.limits()).isEqualTo(LIMITS);
        assertThat(request.env()).containsExactly(org.assertj.core.api.Assertions.entry("K", "V"));
        assertThat(request.egress().judgeName("example.com", 443).allowed()).isTrue();
        assertThat(request.detached()).isFalse();
        assertThat(request.idleTtl()).isEqualTo(SessionRequest.DEFAULT_IDLE_TTL);
    }

    @Test
    void theRequestCanBeAdjustedButNotDetached() throws Exception {
        try (IronboxSession session = ironbox.session(s -> s.idleTtl(Duration.ofMinutes(5)).putEnv("X", "1"))) {
            assertThat(sandbox.started.get(0).idleTtl()).isEqualTo(Duration.ofMinutes(5));
            assertThat(sandbox.started.get(0).env()).containsOnlyKeys("K", "X");
        }
        assertThatThrownBy(() -> ironbox.session(s -> s.detached(true)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("detached(true)");
        assertThat(sandbox.started).hasSize(1);
    }

    @Test
    void execRunsInTheSessionWithTheBuildersLimits() throws Exception {
        try (IronboxSession session = ironbox.session()) {
            RunResult result = session.exec("sh", "-c", "echo hi");
            assertThat(result.stdout()).isEqualTo("s1:[sh, -c, echo hi]");

            SessionExecRequest shorter = SessionExecRequest.copyOf(session.request(List.of("sleep", "9")))
                    .withLimits(ResourceLimits.builder().timeout(Duration.ofSeconds(1)).build());
            session.exec(shorter, chunk -> {});
        }
        assertThat(sandbox.execs).extracting(SessionExecRequest::sessionId).containsOnly("s1");
        assertThat(sandbox.execs.get(0).limits()).isEqualTo(LIMITS);
        assertThat(sandbox.execs.get(0).env()).isEmpty();
        assertThat(sandbox.execs.get(1).limits().timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRequestForAnotherSessionIsRefused() throws Exception {
        try (IronboxSession session = ironbox.session()) {
            SessionExecRequest other = SessionExecRequest.builder().sessionId("other").addCommand("true").build();
            assertThatThrownBy(() -> session.exec(other, chunk -> {}))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("request for session other given to session s1");
        }
        assertThat(sandbox.execs).isEmpty();
    }

    @Test
    void copiesUseTheDefaultLimitOrTheOneGiven() throws Exception {
        Path file = workspace.resolve("in.txt");
        try (IronboxSession session = ironbox.session()) {
            session.copyIn(file, "/tmp");
            session.copyIn(file, "/tmp", 10);
            session.copyOut("/tmp/in.txt", workspace.resolve("out"));
            session.copyOut("/tmp/in.txt", workspace.resolve("out2"), 20);
            assertThatThrownBy(() -> session.copyIn(file, "/tmp", 0))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("must be positive");
        }
        assertThat(sandbox.copies).containsExactly(
                "in s1 " + file + " /tmp " + FileCopyUseCase.DEFAULT_MAX_BYTES,
                "in s1 " + file + " /tmp 10",
                "out s1 /tmp/in.txt " + workspace.resolve("out") + " " + FileCopyUseCase.DEFAULT_MAX_BYTES,
                "out s1 /tmp/in.txt " + workspace.resolve("out2") + " 20");
    }

    @Test
    void closeStopsOnceAndLaterCallsAreRefused() throws Exception {
        IronboxSession session = ironbox.session();
        session.close();
        session.close();

        assertThat(sandbox.stopped).containsExactly("s1");
        assertThat(session.isClosed()).isTrue();
        assertThatThrownBy(() -> session.exec("true")).isInstanceOf(UnknownSessionException.class)
                .hasMessage("session s1 was closed");
        assertThatThrownBy(() -> session.copyOut("/x", workspace)).isInstanceOf(UnknownSessionException.class);
        assertThat(sandbox.execs).isEmpty();
    }

    @Test
    void closingASessionThatIsAlreadyGoneIsFine() throws Exception {
        IronboxSession session = ironbox.session();
        sandbox.gone.add("s1");

        session.close();

        assertThat(session.isClosed()).isTrue();
    }

    @Test
    void closingTheIronboxStopsTheSessionsStillOpen() throws Exception {
        IronboxSession closedEarlier = ironbox.session();
        IronboxSession open = ironbox.session();
        closedEarlier.close();

        ironbox.close();

        assertThat(open.isClosed()).isTrue();
        assertThat(sandbox.stopped).containsExactly("s1", "s2");
        assertThat(sandbox.closed).isTrue();
        assertThatThrownBy(() -> ironbox.session()).isInstanceOf(dev.ironbox.core.error.ContainerFailureException.class)
                .hasMessage("this Ironbox is closed");
        assertThat(sandbox.started).hasSize(2);
    }

    @Test
    void aSessionIsStoppedAtItsHardDeadlineByItsHandlesTimerAndSaysSo() throws Exception {
        IronboxSession session = ironbox.session(s -> s.maxLifetime(Duration.ofSeconds(2)));
        assertThat(sandbox.started.get(0).maxLifetime()).isEqualTo(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!session.isClosed() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(session.isClosed()).as("closed by its timer").isTrue();
        assertThat(sandbox.stopped).containsExactly(session.id());
        assertThatThrownBy(() -> session.exec("true")).isInstanceOf(ContainerFailureException.class)
                .hasMessageStartingWith("session " + session.id() + " passed its maximum lifetime at ");
        assertThat(sandbox.execs).isEmpty();
    }

    @Test
    void imagesAndInventoryAreDelegated() {
        TransferProgress progress = (bytes, total) -> {};
        assertThat(ironbox.buildImage(workspace, "local/x", progress)).isEqualTo("built local/x from " + workspace);
        assertThat(ironbox.buildHostToolsImage("local/tools", progress)).isEqualTo("host-tools local/tools");
        assertThat(ironbox.images()).extracting(ImageSummary::id).containsExactly("sha256:1");
        assertThat(ironbox.cleanup(false).runtime()).isEqualTo("fake false");
        assertThat(ironbox.sandboxes()).isEmpty();
        assertThatThrownBy(() -> ironbox.buildImage(null, "t", progress))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage("rootfs must not be null");
    }

    /** Records every call; sessions are named s1, s2, ... */
    private static final class RecordingSandbox extends RunOnlySandbox {
        final List<SessionRequest> started = new ArrayList<>();
        final List<SessionExecRequest> execs = new ArrayList<>();
        final List<String> stopped = new ArrayList<>();
        final List<String> gone = new ArrayList<>();
        final List<String> copies = new ArrayList<>();
        boolean closed;

        @Override
        public SessionInfo startSession(SessionRequest request) {
            started.add(request);
            String id = "s" + started.size();
            Instant now = Instant.now();
            return new SessionInfo(id, "fake", new ContainerId("c-" + id), request.image(), request.policy(),
                    now, request.idleTtl(), true, request.detached(), now.plus(request.maxLifetime()));
        }

        @Override
        public RunResult execInSession(SessionExecRequest request, Consumer<OutputChunk> live) {
            execs.add(request);
            return RunResult.builder().exitCode(0).stdout(request.sessionId() + ":" + request.command()).stderr("")
                    .duration(Duration.ZERO).timedOut(false).oomKilled(false).stdoutBytesDropped(0)
                    .stderrBytesDropped(0).runtime("fake").image("img:1").policy(SandboxPolicy.WORKSPACE_WRITE).build();
        }

        @Override
        public void stopSession(String sessionId) {
            if (gone.contains(sessionId)) {
                throw new UnknownSessionException("no session " + sessionId);
            }
            stopped.add(sessionId);
        }

        @Override
        public CopyResult copyIn(String sessionId, Path hostSource, String sessionDirectory, long maxBytes) {
            copies.add("in " + sessionId + " " + hostSource + " " + sessionDirectory + " " + maxBytes);
            return new CopyResult(1, 0, 1);
        }

        @Override
        public CopyResult copyOut(String sessionId, String sessionPath, Path hostDestination, long maxBytes) {
            copies.add("out " + sessionId + " " + sessionPath + " " + hostDestination + " " + maxBytes);
            return new CopyResult(1, 0, 1);
        }

        @Override
        public String buildImage(Path rootfs, String tag, TransferProgress progress) {
            return "built " + tag + " from " + rootfs;
        }

        @Override
        public String buildHostToolsImage(String tag, TransferProgress progress) {
            return "host-tools " + tag;
        }

        @Override
        public List<ImageSummary> images() {
            return List.of(new ImageSummary("sha256:1", List.of("img:1"), Instant.EPOCH, 1, java.util.Map.of()));
        }

        @Override
        public List<dev.ironbox.core.model.SandboxSummary> sandboxes() {
            return List.of();
        }

        @Override
        public CleanupReport cleanup(boolean all) {
            return new CleanupReport("fake " + all, List.of(), List.of(), List.of());
        }

        @Override
        public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
            throw new UnsupportedOperationException();
        }


        @Override
        public String runtimeId() {
            return "fake";
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
