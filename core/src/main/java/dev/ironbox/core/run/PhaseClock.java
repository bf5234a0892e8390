package dev.ironbox.core.run;

import dev.ironbox.core.model.RunPhase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Times the phases of one run ({@link RunPhase}) for its result's {@code timings}, in the order they ended. Written by
 * the run's thread and by the threads it waits for (a creation runs on a shielded thread), hence synchronized.
 */
public final class PhaseClock {

    private final Map<RunPhase, Duration> phases = new LinkedHashMap<>();
    private long mark = System.nanoTime();

    /** Starts timing the next phase now (what passed since the last mark belongs to no phase). */
    public synchronized void mark() {
        mark = System.nanoTime();
    }

    /** Ends {@code phase} now: its time is what passed since the last mark or end; the next phase begins now. */
    public synchronized void end(RunPhase phase) {
        long now = System.nanoTime();
        phases.merge(phase, Duration.ofNanos(now - mark), Duration::plus);
        mark = now;
    }

    /** Records {@code phase} as having taken {@code took}, measured elsewhere (a claim from the pool). */
    public synchronized void record(RunPhase phase, Duration took) {
        phases.merge(phase, took, Duration::plus);
    }

    /** The phases timed so far, in order. */
    public synchronized Map<RunPhase, Duration> phases() {
        return new LinkedHashMap<>(phases);
    }

    /** One line for a DEBUG log: {@code image=1ms create=40ms ...}. */
    public static String describe(Map<RunPhase, Duration> timings) {
        return timings.entrySet().stream()
                .map(e -> e.getKey().label() + "=" + String.format("%.1fms", e.getValue().toNanos() / 1e6))
                .collect(Collectors.joining(" "));
    }
}
