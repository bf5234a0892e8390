package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.testing.RunOnlySandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM or SIGINT while {@code ironbox mcp} serves (what the shutdown hook does, called directly): the serving thread
 * is interrupted, finishes its own cleanup, and the sandbox is closed exactly once, after that cleanup.
 */
class ServingShutdownTest {

    /** What happened, in order, across the threads. */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private final RunOnlySandbox sandbox = new RunOnlySandbox() {
        @Override
        public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
            throw new UnsupportedOperationException("run");
        }

        @Override
        public String runtimeId() {
            return "fake";
        }

        @Override
        public void close() {
            events.add("sandbox closed");
        }
    };

    @Test
    void aSignalInterruptsTheServingThreadWaitsForItsCleanupAndClosesTheSandboxOnce() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CountDownLatch serving = new CountDownLatch(1);
        ServingShutdown[] shutdown = new ServingShutdown[1];
        Thread server = new Thread(() -> {
            shutdown[0] = ServingShutdown.register(Thread.currentThread(), sandbox,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                serving.countDown();
                new CountDownLatch(1).await(); // serves until interrupted
            } catch (InterruptedException e) {
                events.add("server interrupted");
                events.add("sessions stopped"); // the server's own cleanup
                Thread.currentThread().interrupt(); // as the server returns: interrupt restored
            } finally {
                shutdown[0].finish();
                events.add("interrupt kept: " + Thread.currentThread().isInterrupted());
            }
        }, "serving");
        server.start();
        serving.await();

        shutdown[0].signalled();
        server.join();

        assertThat(events).containsExactly("server interrupted", "sessions stopped", "sandbox closed",
                "interrupt kept: true");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void afterTheClientLeftTheSandboxIsClosedOnceAndTheHookIsGone() {
        ServingShutdown shutdown = ServingShutdown.register(Thread.currentThread(), sandbox, System.err);

        shutdown.finish();

        assertThat(events).containsExactly("sandbox closed");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        shutdown.signalled(); // a signal now (the hook was removed, so only a direct call) closes nothing again
        assertThat(Thread.interrupted()).as("the late signal's interrupt, cleared for the next test").isTrue();
        assertThat(events).containsExactly("sandbox closed");
    }
}
