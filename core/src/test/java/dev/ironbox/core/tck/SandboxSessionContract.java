package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.model.TransferProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session contract on a real engine: sessions keep state between commands, kill an exec's tree at its timeout
 * and live on, stop when idle past their TTL (not while busy), copy files in and out, and {@code cleanup} removes
 * what a dead process left and nothing else. An adapter's IT extends it and implements {@link #connect()}; it must
 * fail, never skip, without the engine. Every test removes what it created.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class SandboxSessionContract extends SandboxContractFixture {

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;

    /** Sessions and containers a test made that the owner-pid sweep does not find (detached ones): removed after. */
    private final List<String> detachedSessions = new ArrayList<>();

    @TempDir
    Path host;

    @AfterEach
    void removeWhatThisTestMade() {
        for (String id : detachedSessions) {
            try {
                sandbox.stopSession(id);
            } catch (UnknownSessionException gone) {
                // stopped by the test or by its TTL
            }
        }
        detachedSessions.clear();
        for (ContainerId id : ownContainers()) {
            runtime.lifecycle().remove(id); // attached sessions a test left running on purpose
        }
        // the fixture then checks that nothing is left (a session that stopped itself may take a moment)
    }

    // ---- state, env, hardening ----

    @Test
    void aFileWrittenByOneExecIsReadByTheNextAndTheSessionIsHardened() throws Exception {
        SessionInfo session = start(SessionRequest.builder().workspace(workspace).image(IMAGE)
                .env(Map.of("GREETING", "hello from the session")));
        assertThat(exec(session, "sh", "-c", "echo kept > /tmp/state").exitCode()).isZero();
        assertThat(exec(session, "cat", "/tmp/state").stdout()).isEqualTo("kept\n");
        assertThat(exec(session, "sh", "-c", "echo \"$GREETING\"").stdout()).isEqualTo("hello from the session\n");
        assertThat(exec(session, "id", "-u").stdout()).isEqualTo(SandboxUser.current().uid() + "\n");
        assertThat(exec(session, "grep", "CapEff", "/proc/self/status").stdout()).contains("CapEff:\t0000000000000000");
        RunResult root = exec(session, "touch", "/etc/ironbox");
        assertThat(root.exitCode()).isNotZero();
        assertThat(root.stderr()).contains("Read-only file system");
        assertThat(sandbox.session(session.id()).running()).isTrue();
        assertThat(sandbox.sessions()).extracting(SessionInfo::id).contains(session.id());
    }

    @Test
    void anExecPastItsTimeoutIsKilledAndTheSessionStaysUsable() throws Exception {
        SessionInfo session = start(SessionRequest.builder().workspace(workspace).image(IMAGE));
        long started = System.nanoTime();
        RunResult timedOut = sandbox.execInSession(SessionExecRequest.builder().sessionId(session.id())
                .command(List.of("sleep", "30"))
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(2)).build()).build(), chunk -> {});
        assertThat(timedOut.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(exec(session, "ps", "-o", "args").stdout()).doesNotContain("sleep 30");
        assertThat(exec(session, "sh", "-c", "echo $((6*7))").stdout()).isEqualTo("42\n");
    }

    @Test
    void anExecPassesExitCodesArgumentsAndMissingCommandsLikeARun() throws Exception {
        SessionInfo session = start(SessionRequest.builder().workspace(workspace).image(IMAGE));
        RunResult args = exec(session, "sh", "-c", "printf '%s|' \"$@\"; exit 5", "zero", "a b", "$HOME");
        assertThat(args.stdout()).isEqualTo("a b|$HOME|");
        assertThat(args.exitCode()).isEqualTo(5);
        assertThat(exec(session, "ironbox-no-such-command").exitCode()).isEqualTo(127);
    }

    @Test
    void anExecIsKilledAtItsDeadlineEvenWhenItHidesFromItsMarker() throws Exception {
        SessionInfo session = start(SessionRequest.builder().workspace(workspace).image(IMAGE));
        RunResult timedOut = exec(session, Duration.ofSeconds(2), "sh", "-c", "sleep 300 & sleep 301");
        assertThat(timedOut.timedOut()).isTrue();
        // commands that scrub the marker from their environment are found by pid and parentage
        exec(session, Duration.ofSeconds(2), "sh", "-c", "unset IRONBOX_EXEC_ID; sleep 302 & env -i sleep 303");
        exec(session, Duration.ofSeconds(2), "env", "-i", "sleep", "304");
        RunResult ps = exec(session, "ps", "-o", "args");
        assertThat(ps.exitCode()).isZero();
        assertThat(ps.stdout()).doesNotContain("sleep 30");
        assertThat(exec(session, "sh", "-c", "echo $((6*7))").stdout()).isEqualTo("42\n");
    }

    // ---- stop, unknown, stopped ----

    @Test
    void afterStopTheContainerIsGoneAndTheIdUnknown() throws Exception {
        SessionInfo session = start(SessionRequest.builder().workspace(workspace).image(IMAGE).detached(true));
        sandbox.stopSession(session.id());
        assertThat(runtime.lifecycle().describeByLabel(SessionLabels.SESSION, session.id())).isEmpty();
        assertThatThrownBy(() -> sandbox.session(session.id())).isInstanceOf(UnknownSessionException.class);
        assertThatThrownBy(() -> exec(session, "true")).isInstanceOf(UnknownSessionException.class)
                .hasMessageContaining(session.id());
    }

    @Test
    void anUnknownIdIsAnUnknownSession() {
        assertThatThrownBy(() -> sandbox.execInSession(SessionExecRequest.builder().sessionId("0123456789ab")
                .command(List.of("true")).build(), chunk -> {}))
                .isInstanceOf(UnknownSessionException.class)
                .hasMessage("no session '0123456789ab' on " + runtime.id());
    }

    @Test
    void anExecIntoAStoppedSessionFailsClearly() throws Exception {
        SessionInfo session = start(SessionRequest.builder().workspace(workspace).image(IMAGE).detached(true));
        runtime.lifecycle().kill(session.container());
        // the engine removes it as it stops: the session is either seen stopped or already gone
        assertThatThrownBy(() -> exec(session, "true"))
                .isInstanceOfAny(ContainerFailureException.class, UnknownSessionException.class)
                .hasMessageContaining(session.id());
    }

    // ---- idle TTL ----

    @Test
    void anIdleSessionStopsAfterItsTtlButABusyOneDoesNot() throws Exception {
        SessionRequest.Builder threeSeconds = SessionRequest.builder().workspace(workspace).image(IMAGE)
                .idleTtl(Duration.ofSeconds(3));
        SessionInfo idle = start(threeSeconds);
        SessionInfo busy = start(threeSeconds);
        CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return exec(busy, "sleep", "14");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long started = System.nanoTime();
        assertThat(awaitGone(idle.id(), Duration.ofSeconds(20))).as("idle session gone within 20 s").isTrue();
        Thread.sleep(Math.max(0, 8_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        assertThat(sandbox.session(busy.id()).running()).as("busy session still there after 8 s").isTrue();
        assertThat(running.get(30, TimeUnit.SECONDS).exitCode()).isZero();
        assertThat(awaitGone(busy.id(), Duration.ofSeconds(20))).as("once idle, it goes too").isTrue();
    }

    // ---- copy ----

    @Test
    void aTreeCopiesIntoTmpAndBackOut() throws Exception {
        SessionInfo session = start(SessionRequest.builder().workspace(workspace).image(IMAGE));
        Path tree = Files.createDirectories(host.resolve("tree/sub"));
        Files.writeString(host.resolve("tree/a.txt"), "alpha");
        Files.writeString(tree.resolve("b.txt"), "beta");

        CopyResult in = sandbox.copyIn(session.id(), host.resolve("tree"), "/tmp/in", 1 << 20);
        assertThat(in.files()).isEqualTo(2);
        assertThat(in.bytes()).isEqualTo(9);
        assertThat(exec(session, "cat", "/tmp/in/tree/a.txt", "/tmp/in/tree/sub/b.txt").stdout())
                .isEqualTo("alphabeta");

        exec(session, "sh", "-c", "echo made inside > /tmp/in/tree/sub/c.txt");
        Path back = host.resolve("back");
        CopyResult out = sandbox.copyOut(session.id(), "/tmp/in/tree", back, 1 << 20);
        assertThat(out.files()).isEqualTo(3);
        assertThat(back.resolve("a.txt")).hasContent("alpha");
        assertThat(back.resolve("sub/b.txt")).hasContent("beta");
        assertThat(back.resolve("sub/c.txt")).hasContent("made inside");
    }

    @Test
    void aCopyIntoTheReadOnlyRootIsRefusedAndAnOverLimitCopyLeavesNothing() throws Exception {
        SessionInfo session = start(SessionRequest.builder().workspace(workspace).image(IMAGE));
        Path file = Files.writeString(host.resolve("big.txt"), "x".repeat(100));
        assertThatThrownBy(() -> sandbox.copyIn(session.id(), file, "/opt/ironbox", 1 << 20))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("Read-only file system");
        assertThatThrownBy(() -> sandbox.copyIn(session.id(), file, "/tmp/limited", 10))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("10");
        assertThat(exec(session, "ls", "/tmp/limited").exitCode()).as("nothing arrived").isNotZero();
        Path target = host.resolve("out");
        exec(session, "sh", "-c", "head -c 100 /dev/zero > /tmp/big");
        assertThatThrownBy(() -> sandbox.copyOut(session.id(), "/tmp/big", target, 10))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThat(target).doesNotExist();
        try (var left = Files.list(host)) {
            assertThat(left).containsExactly(file);
        }
    }

    // ---- host tools ----

    @Test
    void runsAndSessionsOfAHostToolsImageUseTheHostsToolchain() throws Exception {
        String tag = sandbox.buildHostToolsImage("localhost/ironbox-tck/host-tools-" + UUID.randomUUID() + ":1",
                TransferProgress.NONE);
        try {
            // the image holds no programs of its own: these are the host's, bound read-only
            RunResult run = sandbox.run(RunRequest.builder().workspace(workspace).image(tag)
                    .command(List.of("/usr/bin/id", "-u")).build());
            assertThat(run.stderr()).isEmpty();
            assertThat(run.stdout()).isEqualTo(SandboxUser.current().uid() + "\n");
            SessionInfo session = start(SessionRequest.builder().workspace(workspace).image(tag));
            assertThat(exec(session, "/usr/bin/id", "-u").stdout()).isEqualTo(SandboxUser.current().uid() + "\n");
            RunResult write = exec(session, "sh", "-c", "echo x > /usr/ironbox-tck");
            assertThat(write.exitCode()).isNotZero();
            assertThat(write.stderr()).contains("Read-only file system");
            sandbox.stopSession(session.id());
        } finally {
            runtime.images().remove(tag);
        }
    }

    // ---- cleanup ----

    @Test
    void cleanupRemovesWhatADeadProcessLeftAndLeavesLiveOnesAlone() throws Exception {
        SessionInfo detached = start(SessionRequest.builder().workspace(workspace).image(IMAGE).detached(true));
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // this host's labels (boot id and pid namespace included), naming a process here that is gone
        Map<String, String> deadOwner = new HashMap<>(OwnerLabels.forCurrentProcess("readonly"));
        assertThat(deadOwner).containsKeys(OwnerLabels.OWNER_BOOT, OwnerLabels.OWNER_PID_NAMESPACE);
        deadOwner.put(OwnerLabels.OWNER_PID, Long.toString(gone.pid()));
        // the same dead pid recorded on another boot (another machine sharing the engine): not checkable, kept
        Map<String, String> elsewhereOwner = new HashMap<>(deadOwner);
        elsewhereOwner.put(OwnerLabels.OWNER_BOOT, "ffffffff-0000-4000-8000-000000000001");
        ContainerId orphan = runtime.containers().create(sleeper(deadOwner));
        ContainerId elsewhere = runtime.containers().create(sleeper(elsewhereOwner));
        ContainerId owned = runtime.containers().create(sleeper(OwnerLabels.forCurrentProcess("readonly")));
        try {
            runtime.lifecycle().start(orphan);
            runtime.lifecycle().start(elsewhere);
            runtime.lifecycle().start(owned);

            CleanupReport report = sandbox.cleanup(false);

            assertThat(report.containers()).contains(orphan).doesNotContain(owned, elsewhere, detached.container());
            assertThat(runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, Long.toString(gone.pid())))
                    .doesNotContain(orphan).contains(elsewhere);
            assertThat(runtime.lifecycle().listByLabel(OwnerLabels.MANAGED, "true"))
                    .contains(owned, elsewhere, detached.container());
            assertThat(sandbox.sandboxes()).anySatisfy(s -> {
                assertThat(s.container().value()).isEqualTo(owned.value());
                assertThat(s.ownerAlive()).isTrue();
            }).anySatisfy(s -> {
                assertThat(s.container().value()).isEqualTo(elsewhere.value());
                assertThat(s.ownerAlive()).as("an owner that cannot be checked is not shown orphaned").isTrue();
            });
        } finally {
            runtime.lifecycle().remove(orphan);
            runtime.lifecycle().remove(elsewhere);
            runtime.lifecycle().remove(owned);
        }
    }

    // ---- helpers ----

    private SessionInfo start(SessionRequest.Builder request) throws InterruptedException {
        SessionInfo session = sandbox.startSession(request.build());
        if (session.detached()) {
            detachedSessions.add(session.id());
        }
        return session;
    }

    private RunResult exec(SessionInfo session, String... command) throws InterruptedException {
        return exec(session, Duration.ofSeconds(30), command);
    }

    private RunResult exec(SessionInfo session, Duration timeout, String... command) throws InterruptedException {
        return sandbox.execInSession(SessionExecRequest.builder().sessionId(session.id())
                .command(List.of(command)).limits(ResourceLimits.builder().timeout(timeout).build())
                .build(), chunk -> {});
    }

    /** Whether the session's container stops and the engine removes it within {@code within}. */
    private boolean awaitGone(String sessionId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                sandbox.session(sessionId); // stopped is not enough: the engine must also have removed it
            } catch (UnknownSessionException gone) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static ContainerSpec sleeper(Map<String, String> labels) {
        return ContainerSpec.builder()
                .name("ironbox-tck-" + UUID.randomUUID())
                .image(IMAGE)
                .command(List.of("sleep", "600"))
                .workingDir("/")
                .user(SandboxUser.current().spec())
                .labels(labels)
                .addTmpfs(new TmpfsMount("/tmp", 16L << 20))
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .noNewPrivileges(true)
                .memoryBytes(64L << 20)
                .memorySwapBytes(64L << 20)
                .nanoCpus(500_000_000L)
                .pidsLimit(64)
                .init(true)
                .networkMode("none")
                .build();
    }

}
