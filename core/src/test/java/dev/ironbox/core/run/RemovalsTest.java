package dev.ironbox.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.testing.FakeRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RemovalsTest {

    private final FakeRuntime engine = new FakeRuntime();
    private final Leftovers leftovers = new Leftovers(engine);
    private final List<String> order = new CopyOnWriteArrayList<>();

    @Test
    void aContainerIsRemovedThenWhatComesAfterIt() {
        ContainerId id = engine.add(Map.of(), false);
        Removals removals = new Removals(engine, leftovers);

        CompletableFuture<Void> done = removals.removeLater(id, () -> order.add("afterwards"));

        assertThat(Removals.await(done, Duration.ofSeconds(30))).isTrue();
        assertThat(engine.alive).isEmpty();
        assertThat(order).containsExactly("afterwards");
        assertThat(removals.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(removals.pending()).isZero();
    }

    @Test
    void aFailedRemovalIsLeftToTheLeftoversAndWhatComesAfterItStillRuns() {
        ContainerId id = engine.add(Map.of(), false);
        engine.removeFailure = new ContainerFailureException("the engine is away");
        Removals removals = new Removals(engine, leftovers, Runnable::run);

        removals.removeLater(id, () -> order.add("afterwards"));
        assertThat(engine.alive).containsExactly(id);
        assertThat(order).containsExactly("afterwards");

        engine.removeFailure = null;
        leftovers.retry();
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void awaitIdleWaitsForEveryQueuedRemoval() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        Removals removals = new Removals(engine, leftovers);
        removals.later(() -> {
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add("first");
        });
        removals.later(() -> order.add("second"));

        assertThat(removals.awaitIdle(Duration.ZERO)).as("the first is held").isFalse();
        assertThat(removals.pending()).as("the first is still queued or running").isPositive();
        held.countDown();
        assertThat(removals.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(order).containsExactlyInAnyOrder("first", "second");
    }
}
