package dev.ironbox.app.bench;

import dev.ironbox.app.Ironbox;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Wall time of one trivial sandboxed command, three ways, measured in the same process, interleaved round by round
 * so that engine warm-up and machine load fall on all of them alike:
 * {@code ENGINE run --rm IMAGE true} (the baseline), {@code ./ironbox run --runtime ENGINE -- true} (a fresh JVM
 * each time) and {@code Ironbox.run("true")} in process (one engine client reused). Prints medians; asserts nothing.
 *
 * <p>Run: {@code scripts/bench-run-latency.sh [rounds] [docker|podman]}.
 */
public final class RunLatencyBenchmark {

    private RunLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path repo = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        String engine = args.length > 2 ? args[2] : "docker"; // the runtime id is also the engine's CLI name
        String image = SandboxSettings.DEFAULT_IMAGE;
        Map<String, List<Double>> millis = new java.util.LinkedHashMap<>();
        try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(repo).build()) {
            ironbox.run("true"); // builds the default image if needed; warms the client
            List<Measured> ways = List.of(
                    new Measured(engine + " run --rm " + image + " true",
                            () -> process(repo, engine, "run", "--rm", image, "true")),
                    new Measured("./ironbox run --runtime " + engine + " -- true", () -> process(repo,
                            repo.resolve("ironbox").toString(), "run", "--runtime", engine, "--", "true")),
                    new Measured("Ironbox.run(\"true\") in process", () -> inProcess(ironbox)));
            for (Measured way : ways) {
                way.body.get(); // one warm-up each
                millis.put(way.name, new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (Measured way : ways) {
                    long start = System.nanoTime();
                    int exit = way.body.get();
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (exit != 0) {
                        throw new IllegalStateException(way.name + " exited " + exit);
                    }
                    millis.get(way.name).add(ms);
                }
            }
        }
        System.out.printf("run latency on %s, %d rounds, image %s, %d cores%n", engine, rounds, image,
                Runtime.getRuntime().availableProcessors());
        double baseline = median(millis.values().iterator().next());
        for (Map.Entry<String, List<Double>> e : millis.entrySet()) {
            double median = median(e.getValue());
            System.out.printf("  %-50s median %7.1f ms  min %7.1f ms  max %7.1f ms  ratio to the engine's run %.2f%n",
                    e.getKey(), median, Collections.min(e.getValue()), Collections.max(e.getValue()),
                    median / baseline);
        }
    }

    private static int process(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int inProcess(Ironbox ironbox) {
        try {
            RunResult result = ironbox.run("true");
            return result.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private record Measured(String name, Supplier<Integer> body) {}
}
