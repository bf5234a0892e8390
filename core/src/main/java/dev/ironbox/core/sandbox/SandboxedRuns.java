package dev.ironbox.core.sandbox;

import dev.ironbox.core.concurrent.Interrupts;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.egress.setup.EgressSetup;
import dev.ironbox.core.egress.setup.ResolvedEgress;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.image.ImageProvisioner;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.PoolStats;
import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.pool.WarmPool;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.run.ContainerRun;
import dev.ironbox.core.run.Finished;
import dev.ironbox.core.run.PhaseClock;
import dev.ironbox.core.run.PooledRun;
import dev.ironbox.core.run.Removals;
import dev.ironbox.core.run.RunResources;
import dev.ironbox.core.workspace.WorkspaceGuard;
import dev.ironbox.core.workspace.WorkspaceSweep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandboxed runs of one {@link SandboxService}: the checks before a run, then a warm sandbox of the pool when one
 * is ready ({@link WarmPool}), else a container made for the run ({@link RunResources}, {@link ContainerRun}); the
 * removal afterwards, in the background once the command's exit was seen ({@link Removals}). Thread-safe.
 *
 * <p>Each run holds a slot ({@link SandboxSettings#maxConcurrentRuns()}) until its container is gone, queued removal
 * included, so queued removals never let more run containers exist than that. Each image is checked once per service;
 * a create that finds it gone ensures it again, once. The result carries the time of each phase.
 */
final class SandboxedRuns {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxedRuns.class);
    /** How long {@link #close()} waits for queued removals before it removes what is left itself. */
    static final Duration CLOSE_AWAITS_REMOVALS = Duration.ofSeconds(60);

    private final ContainerRuntime runtime;
    private final ImageProvisioner images;
    private final EgressSetup egress;
    private final RunResources resources;
    private final ContainerRun containerRun;
    private final Removals removals;
    private final WarmPool pool;
    private final Semaphore slots;
    private final Supplier<EngineInfo> engine;
    private volatile boolean closed;

    SandboxedRuns(ContainerRuntime runtime, SandboxSettings settings, ImageProvisioner images, EgressSetup egress,
            Leftovers leftovers, Removals removals, Supplier<EngineInfo> engine) {
        this.runtime = runtime;
        this.images = images;
        this.egress = egress;
        this.resources = new RunResources(runtime, egress, leftovers);
        this.containerRun = new ContainerRun(runtime, settings);
        this.removals = removals;
        this.pool = WarmPool.create(runtime, settings.pool(), leftovers, new PooledRun(runtime, settings));
        this.slots = new Semaphore(settings.maxConcurrentRuns(), true);
        this.engine = engine;
    }

    /** Tries again to remove what an engine that was away kept. Never throws. */
    void retryLeftovers() {
        resources.retryLeftovers();
    }

    Finished run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        requireInputSupport(request);
        PhaseClock clock = new PhaseClock();
        LimitSupport.requireWithin(request.limits(), engine.get());
        resources.retryLeftovers();
        Optional<ResolvedEgress> network = egress.resolve(request.egress());
        WorkspaceGuard.check(request.workspace(), request.policy(), engine.get());
        clock.mark();
        List<Mount> imageBinds = images.ensureWithBinds(request.image());
        clock.end(RunPhase.IMAGE);
        slots.acquire();
        Finished finished = null;
        try {
            // checked again right before create: a pull or a wait for a slot can take minutes
            Path workspace = WorkspaceGuard.check(request.workspace(), request.policy(), engine.get());
            refuseIfClosed();
            Optional<Finished> warm = pool.runIfWarm(request, network.isPresent(), workspace, imageBinds, live,
                    removals);
            finished = warm.isPresent() ? withImageTime(warm.get(), clock)
                    : runCold(network, request, workspace, imageBinds, live, clock);
            log(request, finished.result());
            return finished;
        } finally {
            if (finished == null) {
                slots.release();
            } else {
                // the slot bounds the containers on the engine, queued removals included
                finished.removal().whenComplete((done, failure) -> slots.release());
            }
        }
    }

    private Finished runCold(Optional<ResolvedEgress> network, RunRequest request, Path workspace,
            List<Mount> imageBinds, Consumer<OutputChunk> live, PhaseClock clock) throws InterruptedException {
        RunResources.Made made = create(network, request, workspace, imageBinds, clock);
        RunResult result;
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while the container was created");
            }
            refuseIfClosed(); // close() may have swept before the container was registered
            result = containerRun.run(made.id(), request, live, clock).withNetwork(made.session().events());
        } catch (InterruptedException | RuntimeException | Error e) {
            WorkspaceSweep.afterRun(request.policy(), workspace, made.begins(), resources.release(made));
            throw e;
        }
        if (result.timedOut() || Thread.currentThread().isInterrupted()) {
            // the container may still run (a kill not confirmed), or the caller gave the run up: remove it now
            clock.mark();
            boolean gone = resources.release(made);
            clock.end(RunPhase.REMOVE);
            WorkspaceSweep.afterRun(request.policy(), workspace, made.begins(), gone);
            return Finished.removed(result.withTimings(clock.phases()));
        }
        // the command's exit was seen, so nothing runs in the container (its PID namespace ended with its init): the
        // sweep sees a finished container before its removal, which the caller need not wait for
        WorkspaceSweep.afterRun(request.policy(), workspace, made.begins(), true);
        return new Finished(result, removals.later(() -> resources.release(made)));
    }

    /**
     * Refuses a run with standard input on a runtime that cannot write a container's (Kubernetes: a pod's main
     * container has no attach with input here), before anything is made; a session's command can have input there.
     */
    private void requireInputSupport(RunRequest request) {
        if (request.stdin().length > 0 && !runtime.logs().attachesWithInput()) {
            throw new InvalidConfigurationException("runtime " + runtime.id()
                    + " cannot feed standard input to a run; run the command in a session instead");
        }
    }

    /** A pooled run's timings, the image check before it first. */
    private static Finished withImageTime(Finished warm, PhaseClock clock) {
        Map<RunPhase, Duration> timings = new LinkedHashMap<>(clock.phases());
        timings.putAll(warm.result().timings());
        return new Finished(warm.result().withTimings(timings), warm.removal());
    }

    /** Creates the run's container; when the image turns out to be gone, ensures it again and retries once. */
    private RunResources.Made create(Optional<ResolvedEgress> network, RunRequest request, Path workspace,
            List<Mount> imageBinds, PhaseClock clock) throws InterruptedException {
        try {
            return resources.create(network, request, workspace, imageBinds, clock);
        } catch (ImageUnavailableException e) {
            LOG.info("image {} is gone since this service ensured it; ensuring it again", request.image());
            images.forget(request.image());
            clock.mark();
            List<Mount> binds = images.ensureWithBinds(request.image());
            clock.end(RunPhase.IMAGE);
            return resources.create(network, request, workspace, binds, clock);
        }
    }

    private static void log(RunRequest request, RunResult result) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("run in {}: exit {}, pooled {}, {}", request.image(), result.exitCode(), result.pooled(),
                    PhaseClock.describe(result.timings()));
        }
    }

    private void refuseIfClosed() {
        if (closed) {
            throw new ContainerFailureException("this sandbox service is closed");
        }
    }

    /** See {@link SandboxService#check}: a run's checks before it makes anything, in the same order. */
    void check(RunRequest request) throws InterruptedException {
        if (!request.policy().isSandboxed()) {
            LimitSupport.requireTimeoutWithin(request.limits().timeout());
            return;
        }
        try {
            requireInputSupport(request);
            LimitSupport.requireWithin(request.limits(), engine.get());
            WorkspaceGuard.check(request.workspace(), request.policy(), engine.get());
            images.ensureWithBinds(request.image());
        } catch (IronboxException e) {
            throw Interrupts.asInterruptedIfSo(e);
        }
    }

    /** See {@link SandboxService#prewarm}. */
    boolean prewarm(RunRequest request, Duration wait) throws InterruptedException {
        if (!pool.enabled() || !request.policy().isSandboxed() || request.egress().allowsAnything()
                || request.stdin().length > 0) {
            return false;
        }
        LimitSupport.requireWithin(request.limits(), engine.get());
        Path workspace = WorkspaceGuard.check(request.workspace(), request.policy(), engine.get());
        return pool.prewarmAndAwait(request, false, workspace, images.ensureWithBinds(request.image()), wait);
    }

    /** Warm sandboxes of image {@code image} take no more runs (a new image was built under the name). */
    void forgetImage(String image) {
        pool.forgetImage(image);
    }

    PoolStats poolStats() {
        return pool.stats();
    }

    Set<String> unclaimedPoolNames() {
        return pool.unclaimedNames();
    }

    /**
     * Refuses new runs; removes the pool's containers; waits for queued removals (at most
     * {@link #CLOSE_AWAITS_REMOVALS}, then logs how many were left and removes them itself); kills and removes every
     * run container still there, closing the proxy leases first and removing the networks last. Never throws.
     */
    void close() {
        closed = true;
        pool.close();
        if (!removals.awaitIdle(CLOSE_AWAITS_REMOVALS)) {
            LOG.warn("{} container removal(s) still queued after {}; removing what is left now", removals.pending(),
                    CLOSE_AWAITS_REMOVALS);
        }
        resources.close();
    }
}
