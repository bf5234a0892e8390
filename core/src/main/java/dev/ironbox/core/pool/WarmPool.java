package dev.ironbox.core.pool;

import dev.ironbox.core.concurrent.Once;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.StartFailure;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.PoolStats;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.run.Finished;
import dev.ironbox.core.run.PooledRun;
import dev.ironbox.core.run.Removals;
import dev.ironbox.core.workspace.WorkspaceSweep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm one-shot pool of one sandbox service: per {@link PoolKey}, up to {@link PoolSettings#size()} containers
 * created and started ahead of the runs that will claim them, each used for exactly one command and then removed.
 * Thread-safe.
 *
 * <p>Keys are learned from demand: a run whose key has no warm container runs cold and asks for its key to be warmed,
 * so the next run of that key is pooled; {@link #prewarmAndAwait} warms a key ahead of any run. At most
 * {@link PoolSettings#maxKeys()} keys are kept: a new one displaces the one asked for longest ago, whose containers are
 * removed. Refills run in the background on a small executor ({@link PoolBook}), never on a run's path; a failed
 * refill is logged and counted and never fails a run (it runs cold).
 *
 * <p>Runs with egress never take the pool: their network and proxy lease are made per run (a network, an anchor pod,
 * a proxy listener with the run's own credentials), so a container warmed ahead could not carry them. Requests whose
 * command cannot travel in a {@link HandOver}, and runs with standard input, run cold too.
 *
 * <p>A claimed container is removed after its command, on every path (an interrupt, a close: then the run in flight is
 * killed, as {@code RunResources} does for cold runs); after a command that ended on its own, in the background
 * ({@link Removals}), as a cold run's. {@link #close()} stops refills, removes every warm container and
 * waits for those removals.
 */
public final class WarmPool {

    private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);

    private final boolean enabled;
    private final PoolBook book;
    private final PooledRun pooledRun;
    private final PoolRemoval removal;
    /** Claimed containers still there, each with its one removal: the run's end and close may both remove it. */
    private final Map<ContainerId, Once<Boolean>> claimed = new ConcurrentHashMap<>();

    private WarmPool(boolean enabled, PoolBook book, PooledRun pooledRun, PoolRemoval removal) {
        this.enabled = enabled;
        this.book = book;
        this.pooledRun = pooledRun;
        this.removal = removal;
    }

    /**
     * The pool of a service: on when {@code settings} turn it on and the runtime can hand a command over
     * ({@link dev.ironbox.core.port.out.LogCollectionPort#attachesWithInput()}); else a pool that never takes a run.
     */
    public static WarmPool create(ContainerRuntime runtime, PoolSettings settings, Leftovers leftovers,
            PooledRun pooledRun) {
        PoolRemoval removal = new PoolRemoval(runtime, leftovers);
        boolean enabled = settings.enabled() && runtime.logs().attachesWithInput();
        PoolBook book = enabled ? new PoolBook(settings, new WarmMaker(runtime, settings.maxIdleAge(), removal),
                removal) : null;
        return new WarmPool(enabled, book, pooledRun, removal);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Runs {@code request} in a warm container of its key, when one is ready; otherwise asks for the key to be warmed
     * and returns empty: the caller runs it cold.
     *
     * @param networked whether the run has egress (then it runs cold)
     * @param workspace the workspace's checked real path
     * @throws InterruptedException when interrupted; the container is removed before this is thrown
     */
    public Optional<Finished> runIfWarm(RunRequest request, boolean networked, Path workspace,
            List<Mount> imageBinds, Consumer<OutputChunk> live, Removals removals) throws InterruptedException {
        if (!enabled || networked || request.stdin().length > 0) {
            // a warm sandbox's stdin carries its hand-over: a run with input of its own goes cold
            return Optional.empty();
        }
        Optional<byte[]> line = HandOver.line(request);
        if (line.isEmpty()) {
            return Optional.empty();
        }
        long claimStarted = System.nanoTime();
        Optional<WarmContainer> warm = book.claim(PoolKey.of(request, workspace, imageBinds),
                id -> claimed.put(id, new Once<>()));
        if (warm.isEmpty()) {
            return Optional.empty();
        }
        WarmContainer container = warm.get();
        Duration claim = Duration.ofNanos(System.nanoTime() - claimStarted);
        RunResult result;
        try {
            if (book.closed()) {
                throw new ContainerFailureException("this sandbox service is closed");
            }
            result = pooledRun.run(container.id(), line.get(), claim, request, live);
        } catch (ContainerFailureException e) {
            boolean removed = remove(container.id());
            WorkspaceSweep.afterRun(request.policy(), workspace, container.created(), removed);
            if (e.startFailure() == StartFailure.NOT_RUNNING) {
                // it died while it waited (an engine restart, a cleanup --all): nothing reached it, so run cold
                LOG.info("warm container {} was not running any more; the run goes cold", container.id());
                book.lost();
                return Optional.empty();
            }
            throw e;
        } catch (InterruptedException | RuntimeException | Error e) {
            WorkspaceSweep.afterRun(request.policy(), workspace, container.created(), remove(container.id()));
            throw e;
        }
        if (result.timedOut() || Thread.currentThread().isInterrupted()) {
            // the container may still run (a kill not confirmed), or the caller gave the run up: remove it now
            WorkspaceSweep.afterRun(request.policy(), workspace, container.created(), remove(container.id()));
            return Optional.of(Finished.removed(result));
        }
        // the command's exit was seen, so nothing runs in the container: the sweep sees a finished container, and
        // its removal goes off the caller's critical path (close() still removes it, once, if the queue has not)
        WorkspaceSweep.afterRun(request.policy(), workspace, container.created(), true);
        return Optional.of(new Finished(result, removals.later(() -> remove(container.id()))));
    }

    private boolean remove(ContainerId id) {
        Once<Boolean> once = claimed.get(id);
        boolean gone = once == null ? removal.remove(id) : once.call(() -> removal.remove(id));
        claimed.remove(id);
        return gone;
    }

    /**
     * Warms {@code request}'s key now (up to the size), in the background, then waits at most {@code timeout} until a
     * warm container of it is ready.
     *
     * @return false when none was ready within {@code timeout}, or none is coming (the refill failed, the pool is off
     *     or closed, the request runs cold)
     */
    public boolean prewarmAndAwait(RunRequest request, boolean networked, Path workspace, List<Mount> imageBinds,
            Duration timeout) throws InterruptedException {
        if (!enabled || networked || HandOver.line(request).isEmpty()) {
            return false;
        }
        PoolKey key = PoolKey.of(request, workspace, imageBinds);
        book.want(key);
        return book.awaitWarm(key, timeout);
    }

    /**
     * Drops every key of image {@code image} and removes its warm containers (in the background): a new image was
     * built under that name, and warm containers of the old one must not take its runs.
     */
    public void forgetImage(String image) {
        if (enabled) {
            book.dropImage(image);
        }
    }

    /**
     * The names of the pool's containers that no run claimed: warm ones, those being made and those being removed
     * unclaimed. A container of this process that is not among them is a run's (a leak check's view).
     */
    public Set<String> unclaimedNames() {
        return enabled ? book.unclaimedNames() : Set.of();
    }

    public PoolStats stats() {
        return enabled ? book.stats() : PoolStats.none();
    }

    /**
     * Stops refills, removes every warm container and kills and removes those whose command still runs; returns once
     * they are gone. Never throws.
     */
    public void close() {
        if (!enabled) {
            return;
        }
        book.close();
        for (ContainerId id : List.copyOf(claimed.keySet())) {
            remove(id);
        }
    }
}
