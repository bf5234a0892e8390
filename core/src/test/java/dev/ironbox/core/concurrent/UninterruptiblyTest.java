package dev.ironbox.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class UninterruptiblyTest {

    @Test
    void anInterruptedCallerWaitsForTheStepAndGetsItsInterruptBack() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<String> result = new CompletableFuture<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            result.complete(Uninterruptibly.call(() -> {
                entered.countDown();
                await(proceed);
                return "made";
            }));
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        proceed.countDown();
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("made");
        caller.join();
        assertThat(interruptKept).isTrue();
    }

    @Test
    void anInterruptedCallerStopsWaitingForAStepThatNeverEndsAndTheLateResultIsUndone() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch engineAnswers = new CountDownLatch(1);
        CompletableFuture<String> undone = new CompletableFuture<>();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                Uninterruptibly.call(() -> {
                    entered.countDown();
                    await(engineAnswers); // a hung engine
                    return "container";
                }, undone::complete, Duration.ofMillis(200));
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        assertThat(thrown.get(30, TimeUnit.SECONDS)).isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining("did not answer");
        caller.join();
        assertThat(interruptKept).isTrue();
        assertThat(undone).isNotDone(); // nothing made yet
        engineAnswers.countDown();
        assertThat(undone.get(30, TimeUnit.SECONDS)).isEqualTo("container");
    }

    @Test
    void aStepsFailureReachesTheCaller() {
        assertThatThrownBy(() -> Uninterruptibly.call(() -> {
            throw new ContainerFailureException("refused");
        })).isInstanceOf(ContainerFailureException.class).hasMessage("refused");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError("a shielded step was interrupted", e);
        }
    }
}
