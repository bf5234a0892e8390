package dev.ironbox.app.egress;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap this JVM (where the egress proxy runs) retains while something happens: a baseline after a full GC, then
 * every interval a full GC and a reading of the used heap. A proxy that buffered a body would hold it across a GC
 * mid-download; one that streams holds only its buffers.
 */
public final class HeapSampler implements AutoCloseable {

    /** Retained heap: before, the largest reading during, how many readings. */
    public record Growth(long baseline, long max, int samples) {
        public long growth() {
            return Math.max(0, max - baseline);
        }
    }

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final long baseline;
    private final AtomicLong max = new AtomicLong();
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler(Duration interval) {
        baseline = retained();
        max.set(baseline);
        thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                max.accumulateAndGet(retained(), Math::max);
                samples.incrementAndGet();
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    public static HeapSampler start(Duration interval) {
        return new HeapSampler(interval);
    }

    /** Stops sampling; the figures so far. */
    public Growth stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
        return new Growth(baseline, max.get(), samples.get());
    }

    /** Stops sampling if {@link #stop()} was not called. */
    @Override
    public void close() {
        if (running) {
            running = false;
            thread.interrupt();
        }
    }

    /** Used heap after a full collection. */
    static long retained() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
