package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SessionInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpCommandTest {

    @TempDir
    Path cwd;

    private final FakeSandboxFactory factory = new FakeSandboxFactory();
    private Console console;

    @BeforeEach
    void setUp() {
        console = new Console(factory, cwd, Map.of());
        factory.sessions.put("s1", new SessionInfo("s1", "docker", new ContainerId("c1"), "img",
                SandboxPolicy.READ_ONLY, Instant.now(), Duration.ofMinutes(30), true, true));
    }

    @Test
    void copiesIntoASessionDirectoryWithTheDefaultLimit() {
        assertThat(console.execute("cp", "data", "s1:/tmp")).as(console.err()).isZero();

        assertThat(factory.copies).containsExactly("in s1 " + cwd.resolve("data") + " /tmp " + (512L << 20));
        assertThat(console.err()).isEqualTo("copied 2 files, 1 directory, 1234 bytes: data into s1:/tmp\n");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void copiesOutOfASessionARelativePathBeingUnderTheWorkspace() {
        assertThat(console.execute("cp", "--max-size", "1k", "s1:out/report.txt", "./r.txt")).as(console.err())
                .isZero();

        assertThat(factory.copies).containsExactly("out s1 /workspace/out/report.txt " + cwd.resolve("r.txt")
                + " 1024");
        assertThat(console.err()).isEqualTo("copied 1 file, 0 directories, 1 byte: s1:/workspace/out/report.txt to "
                + "./r.txt\n");
    }

    @Test
    void hostPathsWithAColonAfterASlashOrADotAreHostPaths() {
        assertThat(SessionPath.parse("/tmp/a:b")).isEmpty();
        assertThat(SessionPath.parse("./a:b")).isEmpty();
        assertThat(SessionPath.parse("dir/a:b")).isEmpty();
        assertThat(SessionPath.parse("plain")).isEmpty();
        assertThat(SessionPath.parse("s1:/x")).contains(new SessionPath("s1", "/x"));
    }

    @Test
    void exactlyOneSideMustBeInASession() {
        for (List<String> args : List.of(List.of("a", "b"), List.of("s1:/a", "s1:/b"))) {
            console = new Console(factory, cwd, Map.of());
            assertThat(console.execute("cp", args.get(0), args.get(1))).isEqualTo(ExitCodes.IRONBOX_FAILURE);
            assertThat(console.err()).startsWith("ironbox: exactly one of SRC and DEST must be SESSION:PATH");
        }
        assertThat(factory.copies).isEmpty();
    }

    @Test
    void aSessionWithoutAPathIsRefused() {
        assertThat(console.execute("cp", "a", "s1:")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).contains("names no path in session 's1'");
    }

    @Test
    void aCopyOverTheLimitIsOneLineAndExit125() {
        factory.copyFailure = new InvalidConfigurationException("copy of 2000 bytes is larger than the limit, 1024");

        assertThat(console.execute("cp", "--max-size", "1k", "big", "s1:/tmp")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(console.err()).isEqualTo("ironbox: copy of 2000 bytes is larger than the limit, 1024\n");
    }

    @Test
    void anUnknownSessionAndABadSizeExit125() {
        assertThat(console.execute("cp", "a", "nope:/tmp")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).startsWith("ironbox: no session 'nope'");

        console = new Console(factory, cwd, Map.of());
        assertThat(console.execute("cp", "--max-size", "lots", "a", "s1:/tmp")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).startsWith("ironbox: invalid --max-size 'lots'");
    }

    @Test
    void ctrlCInterruptsTheCopyAndWaitsForItsCleanupButNotForTheThreadToExit() throws Exception {
        CountDownLatch copyEnded = new CountDownLatch(1);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        Thread copying = new Thread(() -> {
            try {
                Thread.sleep(60_000); // the copy
            } catch (InterruptedException e) {
                sleepQuietly(300); // killing the tar, deleting the staging directory
                cleanedUp.set(true);
                copyEnded.countDown();
                sleepQuietly(60_000); // then System.exit, which blocks while the JVM shuts down
            }
        });
        copying.setDaemon(true);
        copying.start();

        // The guard only catches a hook that waits for the thread itself (60 s here) or its whole bound.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                CpCommand.interruptAndAwait(copying, copyEnded, Duration.ofSeconds(45)));

        assertThat(cleanedUp).as("cleanup finished before the hook returned").isTrue();
        copying.interrupt();
    }

    @Test
    void ctrlCGivesUpOnACopyThatNeverEnds() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread stuck = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown(); // and ignores it: a copy stuck for good
                }
            }
        });
        stuck.setDaemon(true);
        stuck.start();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                CpCommand.interruptAndAwait(stuck, new CountDownLatch(1), Duration.ofMillis(200)));

        assertThat(interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("interrupted").isTrue();
        assertThat(stuck.isAlive()).isTrue();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void helpHasExamples() {
        assertThat(console.execute("cp", "--help")).isZero();
        assertThat(console.out()).contains("Examples:", "ironbox cp ./src 3f2a9c0d1e2b:/tmp", "--max-size");
    }
}
