package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attacks on a session's limits that must not get through, on a real engine: a timed-out command whose processes
 * hide from the kill (a double fork to PID 1 with a scrubbed environment, a changed marker, a self-stop, a fork loop
 * in a new session, a name with a newline), and a session whose idle watchdog is stopped (SIGSTOP) or that passed its
 * hard deadline. What must still hold: the session lives on, a command that began before the timed-out one finishes,
 * a background process of an earlier command that ended normally survives. An adapter's IT extends this and
 * implements {@link #connect()}; without the engine it fails, never skips.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class SessionBackstopContract extends SandboxContractFixture {

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;
    /** Every process an attack leaves behind shows this in its arguments. */
    private static final String TAG = "ironbox-tck-escape";

    private final List<String> sessions = new ArrayList<>();

    @AfterEach
    void removeWhatThisTestMade() throws InterruptedException {
        for (String id : sessions) {
            try {
                sandbox.stopSession(id);
            } catch (UnknownSessionException gone) {
                // stopped by the backstop, as the test wanted
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!containersOfThisTest().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(containersOfThisTest()).as("containers left behind by this test").isEmpty();
        sessions.clear();
    }

    // ---- a timed-out command leaves nothing running ----

    @Test
    void aDoubleForkWithAScrubbedEnvironmentIsKilledAtTheTimeout() throws Exception {
        SessionInfo session = start(SessionRequest.builder());
        assertEscapeFails(session, "(env -i sh -c 'sleep 300; : " + TAG + "' &) ; sleep 30");
    }

    @Test
    void aProcessThatChangesOrDropsItsMarkerIsKilled() throws Exception {
        SessionInfo session = start(SessionRequest.builder());
        assertEscapeFails(session, "(IRONBOX_EXEC_ID=forged sh -c 'sleep 299; : " + TAG + "' &) ; "
                + "(unset IRONBOX_EXEC_ID; setsid sh -c 'sleep 298; : " + TAG + "' &) ; "
                + "export IRONBOX_EXEC_ID=another; sleep 30");
    }

    @Test
    void aProcessThatStopsItselfIsKilled() throws Exception {
        SessionInfo session = start(SessionRequest.builder());
        assertEscapeFails(session, "(env -i sh -c 'kill -STOP $$; sleep 297; : " + TAG + "' &) ; "
                + "sh -c 'kill -STOP $$; : " + TAG + "' & sleep 30");
    }

    @Test
    void processesThatReforkInALoopAreKilled() throws Exception {
        SessionInfo session = start(SessionRequest.builder());
        // a chain that forks and exits at once, in the exec's process group and in new sessions; and a loop that
        // starts a new process every moment from an orphan
        String hop = "sh -c \"$0\" \"$0\" & : " + TAG;
        String hopAway = "setsid sh -c \"$0\" \"$0\" & : " + TAG;
        String script = "sh -c '" + hop + "' '" + hop + "'; sh -c '" + hopAway + "' '" + hopAway + "'; "
                + "(env -i sh -c 'while :; do sleep 296 & sleep 1; done; : " + TAG + "' &) ; sleep 30";
        RunResult timedOut = timeOut(session, script);
        if (runtime.lifecycle().describeByLabel(SessionLabels.SESSION, session.id()).isEmpty()) {
            // the killer could not confirm every hop dead within its deadline (a slow, loaded machine): it then stops
            // the whole session, which is the fail-closed answer; nothing of the command can be left
            assertThat(timedOut.timedOut()).isTrue();
            return;
        }
        assertNothingLeft(session, timedOut);
    }

    @Test
    void aProcessWithANewlineOrParenthesesInItsNameIsKilled() throws Exception {
        SessionInfo session = start(SessionRequest.builder());
        // the name (comm) comes from the file executed: a link to busybox named like a forged stat line
        assertEscapeFails(session, "ln -s /bin/busybox '/tmp/a) S 0 1\nb'; ln -s /bin/busybox '/tmp/x) S 0 1 * ?'; "
                + "(exec -a sleep '/tmp/a) S 0 1\nb' 295 &) ; "
                + "(env -i sh -c \"exec -a sleep '/tmp/x) S 0 1 * ?' 294\" &) ; sleep 30");
        assertThat(exec(session, "ps", "-o", "args").stdout()).doesNotContain("sleep 295", "sleep 294");
    }

    @Test
    void aCommandThatBeganBeforeFinishesAndAnEarlierBackgroundProcessSurvives() throws Exception {
        SessionInfo session = start(SessionRequest.builder());
        // an earlier command that ended normally, leaving background processes (one with a scrubbed environment)
        assertThat(exec(session, "sh", "-c", "sleep 293 >/dev/null 2>&1 & "
                + "(env -i sh -c 'sleep 292' >/dev/null 2>&1 &) ; exit 0").exitCode()).isZero();
        // a command that begins before the one that times out, and outlives it
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<RunResult> before = pool.submit(() -> exec(session, "sh", "-c",
                "touch /tmp/before-started; sleep 8; echo finished"));
        awaitFile(session, "/tmp/before-started");

        assertEscapeFails(session, "(env -i sh -c 'sleep 300; : " + TAG + "' &) ; sleep 30");

        RunResult finished = before.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(finished.exitCode()).as(finished.stderr()).isZero();
        assertThat(finished.stdout()).isEqualTo("finished\n");
        assertThat(exec(session, "ps", "-o", "args").stdout()).contains("sleep 293", "sleep 292");
    }

    // ---- a session ends even when the sandbox defeats its watchdog ----

    @Test
    void aSessionWhoseWatchdogIsStoppedIsEndedByCleanupAndRefusedByExec() throws Exception {
        // a TTL the watchdog cannot reach before it is stopped, even when a loaded machine slows the execs down
        SessionInfo swept = start(SessionRequest.builder().idleTtl(Duration.ofSeconds(6)).detached(true));
        stopWatchdog(swept);
        SessionInfo refused = start(SessionRequest.builder().idleTtl(Duration.ofSeconds(6)).detached(true));
        stopWatchdog(refused);
        // past the TTL and the host's grace, counted from the end of the last command
        Thread.sleep(Duration.ofSeconds(8).plusSeconds(10).toMillis());
        assertThat(sandbox.session(swept.id()).running()).as("the stopped watchdog did not end it").isTrue();

        assertThatThrownBy(() -> exec(refused, "true")).isInstanceOf(ContainerFailureException.class)
                .hasMessageStartingWith("session " + refused.id() + " was idle for ")
                .hasMessageContaining("longer than its TTL of 6s");
        assertThat(runtime.lifecycle().describeByLabel(SessionLabels.SESSION, refused.id())).isEmpty();

        assertThat(sandbox.cleanup(false).containers()).contains(swept.container());
        assertThat(runtime.lifecycle().describeByLabel(SessionLabels.SESSION, swept.id())).isEmpty();
    }

    @Test
    void aSessionPastItsMaxLifetimeIsRefusedByExecAndRemovedByListsAndByCleanupEvenWhenBusy() throws Exception {
        SessionRequest.Builder threeSeconds = SessionRequest.builder().maxLifetime(Duration.ofSeconds(3))
                .detached(true);
        SessionInfo byExec = start(threeSeconds);
        SessionInfo byList = start(threeSeconds);
        assertThat(Duration.between(byExec.created(), byExec.expires())).isEqualTo(Duration.ofSeconds(3));
        sleepPast(byExec, byList);

        assertThatThrownBy(() -> exec(byExec, "true")).isInstanceOf(ContainerFailureException.class)
                .hasMessageStartingWith("session " + byExec.id() + " passed its maximum lifetime of 3s at ")
                .hasMessageEndingWith("; it was stopped, start a new session");
        assertThat(runtime.lifecycle().describeByLabel(SessionLabels.SESSION, byExec.id())).isEmpty();
        assertThat(sandbox.sessions()).extracting(SessionInfo::id).doesNotContain(byList.id());
        assertThat(runtime.lifecycle().describeByLabel(SessionLabels.SESSION, byList.id())).isEmpty();

        SessionInfo byCleanup = start(threeSeconds);
        // busy all along: a long command keeps its idle watchdog (and the host's idle check) satisfied
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<RunResult> busy = pool.submit(() -> exec(byCleanup, "sh", "-c", "touch /tmp/busy; sleep 25"));
        try {
            awaitFile(byCleanup, "/tmp/busy");
            sleepPast(byCleanup);
            assertThat(sandbox.cleanup(false).containers()).contains(byCleanup.container());
            assertThat(runtime.lifecycle().describeByLabel(SessionLabels.SESSION, byCleanup.id())).isEmpty();
            busy.get(60, TimeUnit.SECONDS); // ends with its session, one way or another
        } catch (ExecutionException endedWithItsSession) {
            // the engine may report the exec as failed when its container goes
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers ----

    /**
     * Runs {@code script} with a 2 s timeout: it must time out, and a fresh exec must then find no process of it (none
     * with {@link #TAG} or a long sleep in its arguments), with the session still running.
     */
    private void assertEscapeFails(SessionInfo session, String script) throws InterruptedException {
        assertNothingLeft(session, timeOut(session, script));
    }

    private RunResult timeOut(SessionInfo session, String script) throws InterruptedException {
        return sandbox.execInSession(SessionExecRequest.builder().sessionId(session.id())
                .command(List.of("sh", "-c", script))
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(2)).build()).build(), chunk -> {});
    }

    /** The exec timed out, a fresh exec finds nothing of it, and the session still runs commands. */
    private void assertNothingLeft(SessionInfo session, RunResult timedOut) throws InterruptedException {
        assertThat(timedOut.timedOut()).as(timedOut.stderr()).isTrue();
        String ps = exec(session, "ps", "-o", "pid,ppid,stat,args").stdout();
        assertThat(ps).as("processes left in the session").doesNotContain(TAG, "sleep 30", "sleep 300",
                "sleep 299", "sleep 298", "sleep 297", "sleep 296");
        assertThat(sandbox.session(session.id()).running()).isTrue();
        assertThat(exec(session, "sh", "-c", "echo $((6*7))").stdout()).isEqualTo("42\n");
    }

    /** SIGSTOPs the session's idle watchdog (its main command, {@code $0} = ironbox-session), as the sandbox can. */
    private void stopWatchdog(SessionInfo session) throws InterruptedException {
        RunResult stopped = exec(session, "sh", "-c", "for d in /proc/[0-9]*; do [ $d = /proc/1 ] && continue; "
                + "tr '\\0' '\\n' < $d/cmdline 2>/dev/null | grep -qx ironbox-session && kill -STOP ${d#/proc/} "
                + "&& echo ${d#/proc/}; done; true");
        assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
        String pid = stopped.stdout().strip();
        assertThat(pid).as("the watchdog's pid").matches("[0-9]+");
        assertThat(exec(session, "grep", "State", "/proc/" + pid + "/status").stdout()).contains("T (stopped)");
    }

    /** Sleeps until every one of {@code sessions} has passed its hard deadline. */
    private static void sleepPast(SessionInfo... sessions) throws InterruptedException {
        Instant last = Stream.of(sessions).map(SessionInfo::expires).max(Instant::compareTo).orElseThrow();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), last).toMillis()) + 500);
    }

    private void awaitFile(SessionInfo session, String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (exec(session, "test", "-e", path).exitCode() != 0) {
            assertThat(System.nanoTime()).as("waiting for " + path).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private SessionInfo start(SessionRequest.Builder request) throws InterruptedException {
        SessionInfo session = sandbox.startSession(request.workspace(workspace).image(IMAGE).build());
        sessions.add(session.id());
        return session;
    }

    private RunResult exec(SessionInfo session, String... command) throws InterruptedException {
        return sandbox.execInSession(SessionExecRequest.builder().sessionId(session.id())
                .command(List.of(command)).limits(ResourceLimits.builder().timeout(Duration.ofSeconds(30)).build())
                .build(), chunk -> {});
    }

    /** This process's containers and those of the sessions it started (detached ones carry no owner). */
    private List<ContainerId> containersOfThisTest() {
        List<ContainerId> own = new ArrayList<>(runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID,
                OwnerLabels.currentPid()));
        for (String id : sessions) {
            runtime.lifecycle().describeByLabel(SessionLabels.SESSION, id).forEach(c -> own.add(c.id()));
        }
        return own;
    }
}
