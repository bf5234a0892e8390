package dev.ironbox.mcp.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {

    private final InFlightCalls calls = new InFlightCalls();

    @Test
    void aCallIsInterruptedOnceHoweverOftenItIsCancelledSoItsCleanupRunsToItsEnd() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cleaning = new CountDownLatch(1);
        AtomicBoolean cleanupCut = new AtomicBoolean();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread handler = new Thread(() -> {
            try {
                calls.call(Optional.of("7"), () -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        cleaning.countDown();
                        try {
                            Thread.sleep(300); // core's cleanup: removing the container, killing an exec
                        } catch (InterruptedException again) {
                            cleanupCut.set(true);
                        }
                        throw e;
                    }
                    return "never";
                });
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        handler.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(calls.cancel("7")).isTrue();
        assertThat(cleaning.await(30, TimeUnit.SECONDS)).isTrue();
        calls.cancel("7");
        handler.interrupt(); // the handler's thread interrupted too (a server ending)
        handler.join(30_000);

        assertThat(cleanupCut).as("the cleanup was interrupted a second time").isFalse();
        assertThat(outcome.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void aCallCancelledOnItsWayIsCancelledBeforeItsWorkStarts() {
        AtomicBoolean ran = new AtomicBoolean();
        calls.expect("8");

        assertThat(calls.cancel("8")).isTrue();
        assertThatThrownBy(() -> calls.call(Optional.of("8"), () -> ran.getAndSet(true)))
                .isInstanceOf(CancellationException.class);
        assertThat(ran).isFalse();
    }

    @Test
    void anUnknownOrForgottenCallIsNotCancelledAndNothingIsKeptForIt() throws Exception {
        calls.expect("9");
        calls.forget("9");

        assertThat(calls.cancel("9")).isFalse();
        assertThat(calls.cancel("never-seen")).isFalse();
        assertThat(calls.call(Optional.of("9"), () -> "ran")).isEqualTo("ran");
    }

    @Test
    void idsKeepTheirJsonType() {
        assertThat(InFlightCalls.key(5)).isEqualTo(InFlightCalls.key(5L)).isEqualTo("5");
        assertThat(InFlightCalls.key("5")).isEqualTo("\"5\"").isNotEqualTo(InFlightCalls.key(5));
        assertThat(InFlightCalls.key(7.0)).isNotEqualTo(InFlightCalls.key(7));
    }
}
