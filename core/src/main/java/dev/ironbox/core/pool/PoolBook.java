package dev.ironbox.core.pool;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's book: which keys are warm, their containers, the refills under way, and the background work (refills,
 * the sweep of containers near their deadline, removals of displaced ones) on a small executor of daemon threads,
 * never on a run's path. Thread-safe: everything in the book is guarded by this object.
 */
final class PoolBook {

    private static final Logger LOG = LoggerFactory.getLogger(PoolBook.class);
    private static final AtomicLong THREADS = new AtomicLong();
    /** How long close waits for refills in flight: a create and a start on a slow engine. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(70);

    private final PoolSettings settings;
    private final WarmMaker maker;
    private final PoolRemoval removal;
    /** A claim never takes a container this close to its shim's deadline: the hand-over could come too late. */
    private final long marginNanos;
    private final Map<PoolKey, KeySlot> slots = new HashMap<>();
    /** The names of the containers no run claimed: warm ones, those being made, and those queued for removal. */
    private final Set<String> unclaimed = new HashSet<>();
    private final ScheduledThreadPoolExecutor executor;
    private boolean closed;
    private boolean failing;
    private long claims;
    private long misses;
    private long refillFailures;
    private long expired;

    PoolBook(PoolSettings settings, WarmMaker maker, PoolRemoval removal) {
        this.settings = settings;
        this.maker = maker;
        this.removal = removal;
        this.marginNanos = Math.min(Duration.ofSeconds(2).toNanos(), settings.maxIdleAge().toNanos() / 2);
        this.executor = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "ironbox-pool-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long sweepMillis = Math.max(500, Math.min(30_000, settings.maxIdleAge().toMillis() / 4));
        executor.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes a warm container of {@code key}, or counts a miss and asks for the key to be warmed. Either way the key's
     * refills are started up to the size. {@code onClaim} registers the one taken before close can miss it.
     */
    synchronized Optional<WarmContainer> claim(PoolKey key, Consumer<ContainerId> onClaim) {
        if (closed) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        KeySlot slot = slot(key, now);
        slot.warm.removeIf(c -> c.tooOld(now, marginNanos) && expire(c));
        WarmContainer found = slot.warm.stream().filter(c -> c.claimable(now, marginNanos)).findFirst().orElse(null);
        if (found != null) {
            slot.warm.remove(found);
            unclaimed.remove(found.name());
        }
        if (found == null) {
            misses++;
        } else {
            claims++;
            onClaim.accept(found.id());
        }
        fill(key, slot);
        return Optional.ofNullable(found);
    }

    /** Asks for {@code key} to be warmed up to the size (a prewarm). */
    synchronized void want(PoolKey key) {
        if (!closed) {
            fill(key, slot(key, System.nanoTime()));
        }
    }

    /** Waits until a warm container of {@code key} is ready; false on timeout, or when none is coming. */
    synchronized boolean awaitWarm(PoolKey key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            KeySlot slot = slots.get(key);
            if (closed || slot == null) {
                return false;
            }
            long now = System.nanoTime();
            if (slot.warm.stream().anyMatch(c -> c.claimable(now, marginNanos))) {
                return true;
            }
            boolean settling = slot.warm.stream().anyMatch(c -> !c.tooOld(now, marginNanos));
            if (!settling && slot.pending == 0 || now - deadline >= 0) {
                return false;
            }
            // a settling container becomes claimable without a notify: look again then
            long wait = settling ? Math.min(deadline - now, WarmContainer.SETTLE_NANOS / 5) : deadline - now;
            TimeUnit.NANOSECONDS.timedWait(this, wait);
        }
    }

    /** The key's slot, learned now if new (displacing the key asked for longest ago when the book is full). */
    private KeySlot slot(PoolKey key, long now) {
        KeySlot slot = slots.get(key);
        if (slot == null) {
            if (slots.size() >= settings.maxKeys()) {
                displaceOldest();
            }
            slot = new KeySlot(now);
            slots.put(key, slot);
        }
        slot.lastDemandNanos = now;
        return slot;
    }

    private void displaceOldest() {
        PoolKey oldest = null;
        for (Map.Entry<PoolKey, KeySlot> entry : slots.entrySet()) {
            if (oldest == null || entry.getValue().lastDemandNanos - slots.get(oldest).lastDemandNanos < 0) {
                oldest = entry.getKey();
            }
        }
        KeySlot gone = slots.remove(oldest);
        List<WarmContainer> displaced = List.copyOf(gone.warm);
        gone.warm.clear();
        executor.execute(() -> displaced.forEach(this::removeUnclaimed));
    }

    private void fill(PoolKey key, KeySlot slot) {
        while (!closed && slot.warm.size() + slot.pending < settings.size()) {
            slot.pending++;
            executor.execute(() -> refill(key, slot));
        }
    }

    /** Makes one warm container for {@code slot}; keeps it if the slot is still the key's, else removes it. */
    private void refill(PoolKey key, KeySlot slot) {
        WarmContainer made = null;
        Throwable failure = null;
        AtomicReference<String> name = new AtomicReference<>();
        if (!closed()) {
            try {
                made = maker.make(key, !slot.proven, named -> {
                    name.set(named);
                    naming(named);
                });
            } catch (RuntimeException | Error e) { // an Error too: the slot's pending count must come down
                failure = e;
            }
        }
        boolean kept = false;
        synchronized (this) {
            slot.pending--;
            if (failure != null) {
                unclaimed.remove(name.get()); // the maker removed what it made
                refillFailures++;
                if (!failing) {
                    LOG.warn("could not warm a sandbox of image {} for the pool (runs of it go cold; further failures"
                            + " in a row are logged at debug): {}", key.image(), failure.getMessage(), failure);
                } else {
                    LOG.debug("could not warm a sandbox of image {}: {}", key.image(), failure.getMessage());
                }
                failing = true;
            } else if (made != null && !closed && slots.get(key) == slot) {
                slot.warm.addLast(made);
                slot.proven = true;
                failing = false;
                kept = true;
            }
            notifyAll();
        }
        if (made != null && !kept) {
            removeUnclaimed(made);
        }
    }

    private synchronized void naming(String name) {
        unclaimed.add(name);
    }

    /** Removes a container no run claimed (on the calling thread), then forgets its name. */
    private void removeUnclaimed(WarmContainer container) {
        removal.remove(container.id());
        synchronized (this) {
            unclaimed.remove(container.name());
        }
    }

    /** The names of the pool's containers that no run claimed: warm, being made, or being removed. */
    synchronized Set<String> unclaimedNames() {
        return Set.copyOf(unclaimed);
    }

    /**
     * Removes the containers near their deadline; keeps a key warm only while it was asked for within the max idle
     * age (a key nobody runs any more goes cold instead of being refilled for ever).
     */
    private void sweep() {
        List<PoolKey> drop = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            slots.forEach((key, slot) -> {
                slot.warm.removeIf(c -> c.tooOld(now, marginNanos) && expire(c));
                if (now - slot.lastDemandNanos < settings.maxIdleAge().toNanos()) {
                    fill(key, slot);
                } else if (slot.warm.isEmpty() && slot.pending == 0) {
                    drop.add(key);
                }
            });
            drop.forEach(slots::remove);
        }
    }

    /** Counts and queues the removal of a container too near its deadline; true. Under the lock. */
    private boolean expire(WarmContainer container) {
        expired++;
        executor.execute(() -> removeUnclaimed(container));
        return true;
    }

    /** Counts a claimed container found dead (its run went cold): a miss. */
    synchronized void lost() {
        claims--;
        misses++;
    }

    /** Drops the keys of {@code image} and queues the removal of their warm containers. */
    synchronized void dropImage(String image) {
        List<PoolKey> drop = slots.keySet().stream().filter(key -> key.image().equals(image)).toList();
        for (PoolKey key : drop) {
            KeySlot slot = slots.remove(key);
            for (WarmContainer container : slot.warm) {
                executor.execute(() -> removeUnclaimed(container));
            }
            slot.warm.clear();
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized PoolStats stats() {
        int warm = slots.values().stream().mapToInt(slot -> slot.warm.size()).sum();
        return new PoolStats(warm, claims, misses, refillFailures, expired);
    }

    /** Stops refills, waits for those in flight, and removes every warm container. Never throws. */
    void close() {
        List<WarmContainer> warm = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            slots.values().forEach(slot -> warm.addAll(slot.warm));
            slots.clear();
            notifyAll();
        }
        executor.shutdown(); // queued refills see the close and make nothing; removals queued still run
        boolean interrupted = false;
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the pool's refills did not end within {}; closing without them", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            interrupted = true; // close finishes its removals first
        }
        warm.forEach(this::removeUnclaimed);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
