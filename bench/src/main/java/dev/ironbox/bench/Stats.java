package dev.ironbox.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and p99 (nearest rank: with fewer than 100 samples, p99 is the slowest) of samples in milliseconds. */
record Stats(int count, double median, double p99) {

    static Stats of(List<Double> millis) {
        if (millis.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        int rank = (int) Math.ceil(0.99 * n);
        return new Stats(n, median, sorted.get(Math.max(0, rank - 1)));
    }
}
