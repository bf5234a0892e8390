package dev.ironbox.app.bench;

import dev.ironbox.app.Ironbox;
import dev.ironbox.app.RunHandle;
import dev.ironbox.core.model.SandboxSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How long {@link RunHandle#cancel()} takes once the command runs, beside how long the engine's own
 * {@code ENGINE rm -f} of a running container takes, measured in the same run and under the same load: WORKERS
 * threads at once, each doing ROUNDS of "start {@code sleep 30}, wait until it runs, cancel" and "{@code ENGINE run
 * -d}, wait until it runs, time {@code ENGINE rm -f}", interleaved. Prints p50/p95/max per engine; asserts nothing.
 * {@code -Dbench.random=true} cancels at a random moment 0-2 s after the start instead (creating, starting or
 * running); {@code -Dbench.dump=true} prints the run threads' stacks of a cancel that takes over 2 s.
 *
 * <p>Run (no install): {@code mvn -o -q -B -pl cli-app -am package -DskipTests}, then
 * {@code java -cp cli-app/target/ironbox.jar:app/target/test-classes dev.ironbox.app.bench.CancelLatencyBenchmark
 * [rounds=10] [workers=4] [docker,podman]}.
 */
public final class CancelLatencyBenchmark {

    /** {@code -Dbench.random=true}: cancel at a random moment 0-2 s after the start, not once the command runs. */
    private static final boolean RANDOM_MOMENT = Boolean.getBoolean("bench.random");

    private CancelLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<String> engines = List.of((args.length > 2 ? args[2] : "docker,podman").split(","));
        Path workspace = Files.createTempDirectory("ironbox-cancel-bench");
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (String engine : engines) {
            List<Double> cancels = Collections.synchronizedList(new ArrayList<>());
            List<Double> early = Collections.synchronizedList(new ArrayList<>());
            List<Double> removes = Collections.synchronizedList(new ArrayList<>());
            try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(workspace).build()) {
                ironbox.run("true"); // the image and the client, before the clock matters
                ExecutorService pool = Executors.newFixedThreadPool(workers);
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    done.add(pool.submit(() -> {
                        for (int r = 0; r < rounds; r++) {
                            cancelOnce(ironbox, cancels, early);
                            removes.add(removeOnce(engine));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
            }
            System.out.printf("%s, %d workers x %d rounds, %d cores:%n", engine, workers, rounds,
                    Runtime.getRuntime().availableProcessors());
            print("RunHandle.cancel(), command running", cancels);
            if (!early.isEmpty()) {
                print("RunHandle.cancel(), creating/starting", early);
            }
            print(engine + " rm -f (running container)", removes);
        }
    }

    /** One start-then-cancel; its latency goes to {@code running} or, when the command had not yet run, {@code early}. */
    private static void cancelOnce(Ironbox ironbox, List<Double> running, List<Double> early) throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        RunHandle handle = ironbox.start(List.of("sh", "-c", "echo up; exec sleep 30"), chunk -> up.countDown());
        if (RANDOM_MOMENT) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2000)); // any moment: creating, starting or running
        } else if (!up.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the command did not start within 60 s");
        }
        boolean runs = up.getCount() == 0;
        long start = System.nanoTime();
        Thread watcher = new Thread(() -> dumpIfSlow(start));
        watcher.setDaemon(true);
        watcher.start();
        handle.cancel();
        watcher.interrupt();
        (runs ? running : early).add((System.nanoTime() - start) / 1e6);
    }

    /** Where a slow cancel spends its time: the run threads' stacks, once it has taken 2 s (-Dbench.dump=true). */
    private static void dumpIfSlow(long start) {
        if (!Boolean.getBoolean("bench.dump")) {
            return;
        }
        try {
            Thread.sleep(2000);
        } catch (InterruptedException fast) {
            return;
        }
        StringBuilder dump = new StringBuilder("slow cancel, after " + (System.nanoTime() - start) / 1_000_000
                + " ms:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("ironbox-run-")) {
                dump.append("  ").append(thread.getName()).append('\n');
                for (int i = 0; i < Math.min(stack.length, 60); i++) {
                    dump.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        System.err.print(dump);
    }

    private static double removeOnce(String engine) throws Exception {
        String id = output(engine, "run", "-d", "--network", "none", "--init", SandboxSettings.DEFAULT_IMAGE,
                "sleep", "30").trim();
        while (!output(engine, "inspect", "-f", "{{.State.Running}}", id).trim().equals("true")) {
            Thread.sleep(20);
        }
        long start = System.nanoTime();
        output(engine, "rm", "-f", id);
        return (System.nanoTime() - start) / 1e6;
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return out;
    }

    private static void print(String name, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("  %-42s n=%3d  p50 %7.0f ms  p95 %7.0f ms  max %7.0f ms%n", name, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
