package dev.ironbox.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sustained load: {@code threads} loops, each running the workload back to back until the duration ends (a run
 * started before the end is finished and counted). Runs per second over the real elapsed time, p50 and p99 of the
 * runs' latencies.
 */
final class Throughput {

    /** One line's figures. */
    record Figures(String name, int runs, int failures, double seconds, Stats stats) {
        double perSecond() {
            return runs / seconds;
        }
    }

    private Throughput() {}

    static Figures measure(String name, Way way, Workload workload, int threads, Duration duration)
            throws InterruptedException {
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            loops.add(pool.submit(() -> {
                while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                    long runStart = System.nanoTime();
                    try {
                        way.run(workload);
                        millis.add((System.nanoTime() - runStart) / 1e6);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 3) {
                            System.err.println(name + " failed: " + e);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> loop : loops) {
            try {
                loop.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Figures(name, millis.size(), failures.get(), seconds, Stats.of(millis));
    }
}
