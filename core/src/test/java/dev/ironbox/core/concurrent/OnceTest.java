package dev.ironbox.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OnceTest {

    private final Once<String> once = new Once<>();

    @Test
    void aSecondCallerWaitsForTheFirstStepToEndAndGetsItsResult() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> once.call(() -> {
            runs.incrementAndGet();
            started.countDown();
            awaitQuietly(release);
            ended.set(true);
            return "first";
        }));
        started.await();
        AtomicReference<String> second = new AtomicReference<>();
        AtomicBoolean endedWhenSecondReturned = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            second.set(once.call(() -> {
                runs.incrementAndGet();
                return "second";
            }));
            endedWhenSecondReturned.set(ended.get());
        });
        caller.start();
        while (caller.getState() != Thread.State.WAITING && caller.isAlive()) {
            Thread.onSpinWait(); // until it waits for the first step (or, wrongly, returned without it)
        }
        release.countDown();
        caller.join();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get()).isEqualTo("first");
        assertThat(endedWhenSecondReturned).as("the second caller returned only after the step ended").isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aLaterCallerGetsTheOutcomeWithoutRunningItsStep() {
        assertThat(once.call(() -> "first")).isEqualTo("first");
        assertThat(once.call(() -> "second")).isEqualTo("first");
    }

    @Test
    void aFailureReachesEveryCaller() {
        IllegalStateException failure = new IllegalStateException("engine away");
        assertThatThrownBy(() -> once.call(() -> {
            throw failure;
        })).isSameAs(failure);
        assertThatThrownBy(() -> once.call(() -> "second")).isSameAs(failure);
    }

    @Test
    void aWaitingCallerKeepsItsInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> once.call(() -> {
            started.countDown();
            awaitQuietly(release);
            return "first";
        }));
        started.await();
        AtomicReference<String> second = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            second.set(once.call(() -> "second"));
            interrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        while (caller.getState() != Thread.State.WAITING && caller.isAlive()) {
            Thread.onSpinWait();
        }
        caller.interrupt();
        release.countDown();
        caller.join();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get()).isEqualTo("first");
        assertThat(interrupted).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
