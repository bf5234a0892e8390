package dev.ironbox.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every (way, workload) pair once per round, in an order rotated each round, so that engine warm-up, machine
 * load and whatever runs before a way fall on all of them alike; the first {@code warmup} rounds are discarded.
 * A failed run is counted and shown, never fatal: one flaky peer must not lose the whole table.
 */
final class InterleavedRounds {

    /** One row: a way with one workload. */
    record Row(Way way, Workload workload) {
        String key() {
            return way.name() + " | " + workload.label();
        }
    }

    /** Samples (ms) and failures of one row. */
    record Result(Row row, List<Double> millis, List<String> failures) {
        Stats stats() {
            return Stats.of(millis);
        }
    }

    private InterleavedRounds() {}

    static Map<String, Result> run(List<Row> rows, int warmup, int rounds, String tag) {
        Map<String, Result> results = new LinkedHashMap<>();
        for (Row row : rows) {
            results.put(row.key(), new Result(row, new ArrayList<>(), new ArrayList<>()));
        }
        for (int round = 0; round < warmup + rounds; round++) {
            boolean counted = round >= warmup;
            long roundStart = System.nanoTime();
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get((i + round) % rows.size());
                Result result = results.get(row.key());
                long start = System.nanoTime();
                try {
                    row.way().run(row.workload());
                    if (counted) {
                        result.millis().add((System.nanoTime() - start) / 1e6);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (Exception e) {
                    result.failures().add(String.valueOf(e.getMessage()));
                    System.err.printf("%s %s failed: %s%n", tag, row.key(), e);
                }
            }
            System.err.printf("%s round %d/%d (%s) %.1f s%n", tag, round + 1, warmup + rounds,
                    counted ? "counted" : "warm-up", (System.nanoTime() - roundStart) / 1e9);
        }
        return results;
    }
}
