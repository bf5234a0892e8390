package dev.ironbox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ironbox against the peers a Java user would pick instead, in one JVM, per engine: interleaved latency rounds (the
 * commands {@code true} and 1 MiB of output), sustained throughput, and the heap of many open sessions. Prints
 * Markdown on stdout (progress on stderr); asserts nothing. Run by {@code scripts/bench.sh}, which says the options.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        MarkdownReport report = new MarkdownReport(System.out);
        report.note(String.format("Ironbox benchmark: pid %d, %d cores, Java %s, image %s, pool size %d",
                ProcessHandle.current().pid(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Hardening.IMAGE, options.poolSize()));
        if (options.poolSize() == 0) {
            report.note(IronboxWays.hasPoolApi() ? "No pooled lines: --pool-size 0."
                    : "No pooled lines: this build has no IronboxBuilder.pool.");
        }
        Path workspace = Files.createTempDirectory(Path.of(options.workspace()), "ironbox-bench-");
        try {
            for (String engine : options.engines()) {
                benchmark(engine, workspace, options, report);
            }
        } finally {
            Files.deleteIfExists(workspace);
        }
    }

    private static void benchmark(String engine, Path workspace, BenchOptions options, MarkdownReport report)
            throws Exception {
        boolean docker = engine.equals("docker");
        Hardening hardening = Hardening.forWorkspace(workspace);
        String tag = "[" + engine + "]";
        try (IronboxWays ironbox = new IronboxWays(engine, workspace, options.poolSize());
                EngineCli cli = new EngineCli(engine, hardening);
                DockerJavaWays dockerJava = docker ? new DockerJavaWays(hardening) : null) {
            ironbox.cold().run("true"); // builds the default image if this engine lacks it
            List<Way> ways = new ArrayList<>();
            if (ironbox.hasPool()) {
                ways.add(ironbox.pooledRun());
            }
            ways.add(ironbox.coldRun());
            ways.add(ironbox.sessionExec());
            ways.add(cli.runRm());
            if (docker) {
                ways.add(dockerJava.oneShot());
            }
            if (engine.equals(options.testcontainersEngine())) {
                ways.add(TestcontainersWay.oneShot(hardening));
            }
            if (docker) {
                ways.add(dockerJava.execWarm());
            }
            ways.add(cli.execWarm());
            List<InterleavedRounds.Row> rows = new ArrayList<>();
            for (Workload workload : Workload.values()) {
                for (Way way : ways) {
                    rows.add(new InterleavedRounds.Row(way, workload));
                }
            }
            report.latency(engine, options.rounds(),
                    InterleavedRounds.run(rows, options.warmup(), options.rounds(), tag));
            if (ironbox.hasPool()) {
                report.note(String.format("%n%s: %d of %d pooled runs were served by the pool", engine,
                        ironbox.pooledHits.get(), ironbox.pooledRuns.get()));
            }
            if (!options.duration().isZero()) {
                List<Throughput.Figures> lines = new ArrayList<>();
                if (ironbox.hasPool()) {
                    long hits = ironbox.pooledHits.get();
                    long runs = ironbox.pooledRuns.get();
                    lines.add(throughput(tag, "Ironbox.run, pooled", ironbox::runPooled, options));
                    report.note(String.format("%n%s: under load, %d of %d pooled runs were served by the pool",
                            engine, ironbox.pooledHits.get() - hits, ironbox.pooledRuns.get() - runs));
                }
                lines.add(throughput(tag, "Ironbox.run, cold", ironbox::runCold, options));
                lines.add(throughput(tag, options.threads() + " parallel `" + engine + " run --rm` loops",
                        cli::runOnce, options));
                report.throughput(engine, options.threads(), lines);
            }
            phases(report, engine, "cold", ironbox.coldPhases);
            phases(report, engine, "pooled", ironbox.pooledPhases);
            if (options.sessions() > 0) {
                System.err.printf("%s opening %d sessions%n", tag, options.sessions());
                report.heap(engine, SessionHeap.measure(ironbox.cold(), options.sessions()));
            }
        }
    }

    private static void phases(MarkdownReport report, String engine, String kind, PhaseTimings timings) {
        String medians = timings.medians();
        if (!medians.isEmpty()) {
            report.note(String.format("%n%s: phases of the %s runs (medians over every workload and the load): %s",
                    engine, kind, medians));
        }
    }

    private static Throughput.Figures throughput(String tag, String name, Way.Body body, BenchOptions options)
            throws InterruptedException {
        System.err.printf("%s throughput: %s for %d s%n", tag, name, options.duration().toSeconds());
        return Throughput.measure(name, Way.of(name, body), Workload.TRUE, options.threads(), options.duration());
    }
}
