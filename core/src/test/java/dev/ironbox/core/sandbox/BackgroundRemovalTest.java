package dev.ironbox.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.egress.EnvironmentSecrets;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.image.HostTools;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.run.Removals;
import dev.ironbox.core.testing.FakeEgressProxy;
import dev.ironbox.core.testing.FakeFirewall;
import dev.ironbox.core.testing.FakeRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run returns before its container is removed; the removal still happens (queued), in order (lease, then
 * container, then network), and close waits for it. A run's result carries the time of each phase, in order.
 */
class BackgroundRemovalTest {

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();
    /** The removals queued and not yet run: the test runs them when it chooses. */
    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();

    private SandboxService service() {
        engine.images.add("img");
        return new SandboxService(engine, SandboxSettings.builder().build(), new FakeEgressProxy(engine.log),
                new EnvironmentSecrets(name -> null), new FakeFirewall(),
                (runtime, leftovers) -> new Removals(runtime, leftovers, queued::add));
    }

    private RunRequest.Builder request() {
        return RunRequest.builder().command(List.of("true")).workspace(workspace).image("img");
    }

    private void runQueued() {
        for (Runnable removal = queued.poll(); removal != null; removal = queued.poll()) {
            removal.run();
        }
    }

    @Test
    void aFinishedRunReturnsBeforeItsContainerAndNetworkAreRemovedWhichThenGoInOrder() throws Exception {
        SandboxService service = service();

        RunResult result = service.run(request().egress(EgressPolicy.of(List.of("api.example.com"), List.of()))
                .build());

        assertThat(result.exitCode()).isZero();
        assertThat(engine.alive).as("still there when the result returns").hasSize(1);
        assertThat(engine.networks.alive).hasSize(1);
        assertThat(queued).hasSize(1);
        runQueued();
        assertThat(engine.alive).isEmpty();
        assertThat(engine.networks.alive).isEmpty();
        assertThat(engine.log).containsSubsequence("close lease 3128", "remove container c1", "remove network n1");
    }

    @Test
    void aQueuedRemovalHoldsItsRunsSlotUntilTheContainerIsGone() throws Exception {
        engine.images.add("img");
        SandboxService service = new SandboxService(engine, SandboxSettings.builder().maxConcurrentRuns(1).build(),
                null, null, null, (runtime, leftovers) -> new Removals(runtime, leftovers, queued::add));
        service.run(request().build());
        Thread second = new Thread(() -> {
            try {
                service.run(request().build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        second.start();
        while (second.getState() != Thread.State.WAITING && second.isAlive()) {
            Thread.sleep(1);
        }

        assertThat(engine.created).as("the second run waits for the first one's removal").hasSize(1);
        runQueued();
        second.join();
        assertThat(engine.created).hasSize(2);
        runQueued();
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void closeWaitsForTheQueuedRemovals() throws Exception {
        CountDownLatch removing = new CountDownLatch(1);
        AtomicInteger removedInTheBackground = new AtomicInteger();
        engine.images.add("img");
        SandboxService service = new SandboxService(engine, SandboxSettings.builder().build(), null, null, null,
                (runtime, leftovers) -> new Removals(runtime, leftovers, task -> Executors.newSingleThreadExecutor()
                        .execute(() -> {
                            try {
                                removing.await(); // held until close() is waiting
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            task.run();
                            removedInTheBackground.incrementAndGet();
                        })));
        service.run(request().build());
        Thread closer = new Thread(service::close);
        closer.start();
        while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
            Thread.sleep(1);
        }
        assertThat(closer.isAlive()).as("close waits for the queued removal").isTrue();
        removing.countDown();
        closer.join();

        assertThat(removedInTheBackground).hasValue(1);
        assertThat(engine.alive).isEmpty();
        assertThat(engine.log).containsOnlyOnce("remove container c1");
    }

    @Test
    void aRunsResultCarriesItsPhasesInOrderAndTheRemovalOnlyWhenItWaitedForIt() throws Exception {
        SandboxService service = service();

        RunResult finished = service.run(request().build());
        RunResult networked = service.run(request().egress(EgressPolicy.of(List.of("api.example.com"), List.of()))
                .build());
        engine.exit = Optional.empty(); // never ends: killed at the deadline, then removed before the result
        RunResult timedOut = service.run(request().limits(ResourceLimits.builder().timeout(Duration.ofMillis(1))
                .build()).build());

        assertThat(engine.alive).as("the timed-out run's container is gone already")
                .containsExactlyInAnyOrder(new ContainerId("c1"), new ContainerId("c2"));
        runQueued();

        assertThat(finished.timings().keySet()).containsExactly(RunPhase.IMAGE, RunPhase.CREATE, RunPhase.ATTACH,
                RunPhase.START, RunPhase.WAIT, RunPhase.DRAIN);
        assertThat(networked.timings().keySet()).containsExactly(RunPhase.IMAGE, RunPhase.NETWORK, RunPhase.CREATE,
                RunPhase.ATTACH, RunPhase.START, RunPhase.WAIT, RunPhase.DRAIN);
        assertThat(timedOut.timedOut()).isTrue();
        assertThat(timedOut.timings().keySet()).containsExactly(RunPhase.IMAGE, RunPhase.CREATE, RunPhase.ATTACH,
                RunPhase.START, RunPhase.WAIT, RunPhase.DRAIN, RunPhase.REMOVE);
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void anImageIsCheckedOnceUntilACreateFindsItGone() throws Exception {
        SandboxService service = service();
        service.run(request().build());
        engine.imageLabels.put("img", Map.of(HostTools.LABEL, "1")); // re-tagged behind the service's back
        service.run(request().build());
        AtomicInteger refusals = new AtomicInteger();
        engine.onCreate = spec -> {
            if (refusals.getAndIncrement() == 0) {
                throw new ImageUnavailableException("no such image: img");
            }
        };
        RunResult third = service.run(request().build());
        runQueued();

        assertThat(engine.created.get(1).binds()).as("remembered: not inspected again")
                .doesNotContainAnyElementsOf(HostTools.binds(Map.of(HostTools.LABEL, "1")));
        assertThat(third.exitCode()).isZero();
        assertThat(engine.created).hasSize(3);
        assertThat(engine.created.get(2).binds()).as("ensured again after the create found it gone")
                .containsAll(HostTools.binds(Map.of(HostTools.LABEL, "1")));
        assertThat(engine.alive).isEmpty();
    }
}
