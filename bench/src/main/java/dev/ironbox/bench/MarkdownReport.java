package dev.ironbox.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures as Markdown: one latency table per engine, then the throughput and heap lines. */
final class MarkdownReport {

    private final PrintStream out;

    MarkdownReport(PrintStream out) {
        this.out = out;
    }

    void latency(String engine, int rounds, Map<String, InterleavedRounds.Result> results) {
        out.printf(Locale.ROOT, "%n### %s: latency (%d rounds, interleaved)%n%n", engine, rounds);
        out.printf("| way | command | median | p99 | × `%s run --rm` (median / p99) |%n|---|---|---|---|---|%n",
                engine);
        for (InterleavedRounds.Result result : results.values()) {
            Stats stats = result.stats();
            String key = EngineCli.baselineName(engine) + " | " + result.row().workload().label();
            Stats base = results.get(key).stats();
            String failed = result.failures().isEmpty() ? "" : " (" + result.failures().size() + " failed)";
            out.printf(Locale.ROOT, "| %s%s | %s | %s | %s | %s / %s |%n", result.row().way().name(), failed,
                    result.row().workload().label(), ms(stats.median()), ms(stats.p99()),
                    ratio(stats.median() / base.median()), ratio(stats.p99() / base.p99()));
        }
    }

    void throughput(String engine, int threads, List<Throughput.Figures> lines) {
        out.printf(Locale.ROOT, "%n### %s: sustained throughput (%d threads, `true`)%n%n", engine, threads);
        out.printf("| way | runs | runs/s | p50 | p99 | × %s's loops (runs/s) |%n|---|---|---|---|---|---|%n", engine);
        Throughput.Figures base = lines.get(lines.size() - 1);
        for (Throughput.Figures line : lines) {
            String failed = line.failures() == 0 ? "" : " (" + line.failures() + " failed)";
            out.printf(Locale.ROOT, "| %s%s | %d in %.0f s | %.2f | %s | %s | %s |%n", line.name(), failed,
                    line.runs(), line.seconds(), line.perSecond(), ms(line.stats().median()), ms(line.stats().p99()),
                    ratio(line.perSecond() / base.perSecond()));
        }
    }

    void heap(String engine, SessionHeap.Figures figures) {
        out.printf(Locale.ROOT, "%n%s: heap after GC with %d concurrent IronboxSessions: %+.1f MiB (%+.0f KiB each;"
                + " opened in %.1f s)%n", engine, figures.sessions(), figures.mib(),
                figures.mib() * 1024 / figures.sessions(), figures.openSeconds());
    }

    void note(String text) {
        out.println(text);
    }

    private static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
