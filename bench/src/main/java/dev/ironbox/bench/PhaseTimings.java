package dev.ironbox.bench;

import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.model.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The medians of the phases Ironbox's runs report ({@link RunResult#timings()}), so a ratio that misses its target
 * comes with where the time went. Thread-safe (the throughput loops record too).
 */
final class PhaseTimings {

    private final Map<RunPhase, List<Double>> millis = new EnumMap<>(RunPhase.class);

    synchronized void record(RunResult result) {
        for (Map.Entry<RunPhase, Duration> phase : result.timings().entrySet()) {
            millis.computeIfAbsent(phase.getKey(), key -> new ArrayList<>()).add(phase.getValue().toNanos() / 1e6);
        }
    }

    /** "create 120 ms, start 300 ms, ..." in phase order, or empty when no run reported phases. */
    synchronized String medians() {
        StringJoiner line = new StringJoiner(", ");
        for (Map.Entry<RunPhase, List<Double>> phase : millis.entrySet()) {
            List<Double> sorted = new ArrayList<>(phase.getValue());
            Collections.sort(sorted);
            line.add(String.format(Locale.ROOT, "%s %.0f ms", phase.getKey().label(), sorted.get(sorted.size() / 2)));
        }
        return line.toString();
    }
}
