package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A command's standard input on a real engine ({@link RunRequest#stdin()}, {@link SessionExecRequest#stdin()}): the
 * command reads exactly the bytes given, then end-of-file, as a run (cold: a run with input never takes a warm
 * sandbox, which {@link PooledSandbox} checks in the pooled subclasses) and as a session's command. A command that
 * reads part of its input, or none, ends as it would without; the deadline holds. An adapter's IT extends it and
 * implements {@link #connect()}; it must fail, never skip, without the engine.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class StandardInputContract extends SandboxContractFixture {

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;
    private static final String TEXT = "first line\nsecond, no newline at the end: äö€";
    /** Far more than a pipe or socket buffer holds, so a writer that nobody reads blocks. */
    private static final int MEBIBYTE = 1 << 20;
    /**
     * Reads its input 64 KiB at a time with a pause between reads (16 MiB take over 2.5 s), says it started, and
     * writes a marker as soon as it reads end-of-file: the marker proves a cut-off input was shown as complete.
     */
    private static final List<String> SLOW_READER = List.of("sh", "-c", "rm -f /tmp/stdin-contract-eof; "
            + "echo reading; n=0; while head -c 65536 >/tmp/stdin-contract-chunk && [ -s /tmp/stdin-contract-chunk ]; "
            + "do n=$((n+1)); sleep 0.01; done; echo \"end-of-file after $n chunks\" >/tmp/stdin-contract-eof");

    @Test
    void catReturnsTheTextInputExactly() throws Exception {
        RunResult result = sandbox.run(run(List.of("cat"), TEXT.getBytes(StandardCharsets.UTF_8)).build());

        assertEndedOnItsOwn(result, 0);
        assertThat(result.stdout()).isEqualTo(TEXT);
    }

    @Test
    void catReturnsAMebibyteOfBinaryInputWithNulBytesExactly() throws Exception {
        byte[] input = binary();

        RunResult result = sandbox.run(run(List.of("sh", "-c", "cat | sha256sum"), input).build());

        assertEndedOnItsOwn(result, 0);
        assertThat(result.stdout()).isEqualTo(sha256(input) + "  -\n");
    }

    @Test
    void aCommandThatReadsPartOfItsInputEndsWithItsOwnExitCode() throws Exception {
        RunResult result = sandbox.run(run(List.of("sh", "-c", "head -c 3; echo; exit 7"), repeated('x')).build());

        assertEndedOnItsOwn(result, 7);
        assertThat(result.stdout()).isEqualTo("xxx\n");
    }

    @Test
    void aCommandThatNeverReadsItsInputEndsNormally() throws Exception {
        RunResult result = sandbox.run(run(List.of("echo", "done"), repeated('y')).build());

        assertEndedOnItsOwn(result, 0);
        assertThat(result.stdout()).isEqualTo("done\n");
    }

    @Test
    void aRunWithoutInputReadsEndOfFileAtOnce() throws Exception {
        RunResult result = sandbox.run(run(List.of("sh", "-c", "wc -c"), new byte[0]).build());

        assertEndedOnItsOwn(result, 0);
        assertThat(result.stdout().strip()).isEqualTo("0");
    }

    @Test
    void aRunWithInputStillRunningAtItsDeadlineTimesOut() throws Exception {
        RunResult result = sandbox.run(run(List.of("sh", "-c", "cat >/dev/null; sleep 60"), repeated('z'))
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(2)).build()).build());

        assertThat(result.timedOut()).as("timed out: %s", result).isTrue();
        assertThat(result.exitCode()).isEqualTo(137);
    }

    @Test
    void aSessionCommandReadsItsInputAndTheNextOneWithoutReadsEndOfFile() throws Exception {
        SessionInfo session = sandbox.startSession(SessionRequest.builder().workspace(workspace).image(IMAGE)
                .build());
        try {
            RunResult text = sandbox.execInSession(exec(session, List.of("cat"), TEXT.getBytes(StandardCharsets.UTF_8)),
                    chunk -> {});
            byte[] input = binary();
            RunResult binary = sandbox.execInSession(exec(session, List.of("sh", "-c", "cat | sha256sum"), input),
                    chunk -> {});
            RunResult partly = sandbox.execInSession(exec(session, List.of("sh", "-c", "head -c 3; echo; exit 7"),
                    repeated('x')), chunk -> {});
            RunResult without = sandbox.execInSession(exec(session, List.of("sh", "-c", "wc -c"), new byte[0]),
                    chunk -> {});

            assertEndedOnItsOwn(text, 0);
            assertThat(text.stdout()).isEqualTo(TEXT);
            assertEndedOnItsOwn(binary, 0);
            assertThat(binary.stdout()).isEqualTo(sha256(input) + "  -\n");
            assertEndedOnItsOwn(partly, 7);
            assertThat(partly.stdout()).isEqualTo("xxx\n");
            assertEndedOnItsOwn(without, 0);
            assertThat(without.stdout().strip()).isEqualTo("0");
        } finally {
            sandbox.stopSession(session.id());
        }
    }

    @Test
    void aSessionCommandStillReadingItsInputAtItsDeadlineIsKilledBeforeItSeesEndOfFile() throws Exception {
        SessionInfo session = sandbox.startSession(SessionRequest.builder().workspace(workspace).image(IMAGE)
                .build());
        try {
            RunResult result = sandbox.execInSession(exec(session, SLOW_READER, maximumInput(), Duration.ofSeconds(2)),
                    chunk -> {});

            assertThat(result.timedOut()).as("timed out: %s", result).isTrue();
            assertThat(result.exitCode()).as("exit code: %s", result).isEqualTo(137);
            assertNeverSawEndOfFile(session);
        } finally {
            sandbox.stopSession(session.id());
        }
    }

    @Test
    void aCancelledSessionCommandStillReadingItsInputIsKilledBeforeItSeesEndOfFile() throws Exception {
        SessionInfo session = sandbox.startSession(SessionRequest.builder().workspace(workspace).image(IMAGE)
                .build());
        try {
            CountDownLatch reading = new CountDownLatch(1);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    outcome.set(sandbox.execInSession(exec(session, SLOW_READER, maximumInput(),
                            Duration.ofSeconds(60)), chunk -> reading.countDown()));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            }, "stdin-contract-cancelled-exec");
            caller.start();
            assertThat(reading.await(60, TimeUnit.SECONDS)).as("the command started reading").isTrue();

            caller.interrupt(); // as a cancelled call does
            caller.join(TimeUnit.SECONDS.toMillis(60));

            assertThat(caller.isAlive()).as("the cancelled exec returned").isFalse();
            assertThat(outcome.get()).as("outcome of the cancelled exec").isInstanceOf(Exception.class);
            assertNeverSawEndOfFile(session);
        } finally {
            sandbox.stopSession(session.id());
        }
    }

    /** The reader wrote its marker only if it read end-of-file; killed first, it never does. */
    private void assertNeverSawEndOfFile(SessionInfo session) throws InterruptedException {
        RunResult marker = sandbox.execInSession(exec(session, List.of("sh", "-c",
                "cat /tmp/stdin-contract-eof 2>/dev/null; echo checked"), new byte[0]), chunk -> {});
        assertThat(marker.stdout()).as("the killed command never read end-of-file: %s", marker)
                .isEqualTo("checked\n");
    }

    private RunRequest.Builder run(List<String> command, byte[] stdin) {
        return RunRequest.builder().command(command).workspace(workspace).image(IMAGE).stdin(stdin)
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(60)).build());
    }

    private static SessionExecRequest exec(SessionInfo session, List<String> command, byte[] stdin) {
        return exec(session, command, stdin, Duration.ofSeconds(60));
    }

    private static SessionExecRequest exec(SessionInfo session, List<String> command, byte[] stdin,
            Duration timeout) {
        return SessionExecRequest.builder().sessionId(session.id()).command(command).stdin(stdin)
                .limits(ResourceLimits.builder().timeout(timeout).build()).build();
    }

    /** The most input a command takes (16 MiB): the slow reader needs far longer than its deadline to read it. */
    private static byte[] maximumInput() {
        byte[] bytes = new byte[RunRequest.MAX_STDIN_BYTES];
        Arrays.fill(bytes, (byte) 'r');
        return bytes;
    }

    private static void assertEndedOnItsOwn(RunResult result, int exitCode) {
        assertThat(result.timedOut()).as("timed out: %s", result).isFalse();
        assertThat(result.exitCode()).as("exit code: %s", result).isEqualTo(exitCode);
        assertThat(result.stderr()).as("stderr: %s", result).isEmpty();
    }

    /** A mebibyte of random bytes, NUL bytes among them (and at both ends, where a text path would cut). */
    private static byte[] binary() {
        byte[] bytes = new byte[MEBIBYTE];
        new Random(14).nextBytes(bytes);
        bytes[0] = 0;
        bytes[bytes.length / 2] = 0;
        bytes[bytes.length - 1] = 0;
        return bytes;
    }

    private static byte[] repeated(char c) {
        byte[] bytes = new byte[MEBIBYTE];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
