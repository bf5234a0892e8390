package dev.ironbox.app.bench;

import dev.ironbox.app.Ironbox;
import dev.ironbox.app.IronboxSession;
import dev.ironbox.core.label.SandboxUser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * What a session saves, and what copying costs, measured in one process against baselines run in the same rounds
 * (interleaved, so machine load falls on all alike). Prints medians; asserts nothing.
 *
 * <ul>
 *   <li>latency of one trivial command: {@code ENGINE exec CONTAINER true} into the session's container (the
 *       baseline), {@code IronboxSession.exec("true")}, {@code Ironbox.run("true")} (a fresh sandbox each time), and
 *       {@code ./ironbox session exec ID -- true} (a fresh JVM each time);
 *   <li>throughput of a 64 MiB tree into and out of the session's {@code /tmp}: {@code ENGINE exec -i CONTAINER tar
 *       -x} fed by the host's {@code tar -c} (the baseline) against {@code copyIn}, and {@code ENGINE exec CONTAINER
 *       tar -c} into the host's {@code tar -x} against {@code copyOut}.
 * </ul>
 *
 * <p>Run: {@code scripts/bench-session.sh [rounds] [docker|podman]}.
 */
public final class SessionBenchmark {

    private static final int COPY_MIB = 64;

    private SessionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path repo = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        String engine = args.length > 2 ? args[2] : "docker";
        Path scratch = Files.createTempDirectory("ironbox-bench-");
        try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(repo).build();
                IronboxSession session = ironbox.session()) {
            String container = session.info().container().value();
            Path tree = tree(scratch.resolve("tree"));
            Map<String, Callable<Integer>> latency = new LinkedHashMap<>();
            latency.put(engine + " exec CONTAINER true", () -> process(repo, engine, "exec", container, "true"));
            latency.put("IronboxSession.exec(\"true\")", () -> session.exec("true").exitCode());
            latency.put("Ironbox.run(\"true\") (fresh sandbox)", () -> ironbox.run("true").exitCode());
            latency.put("./ironbox session exec ID -- true", () -> process(repo, repo.resolve("ironbox").toString(),
                    "session", "exec", session.id(), "--", "true"));
            print("command latency on " + engine, rounds, measure(rounds, latency), 0);

            int[] round = {0};
            Map<String, Callable<Integer>> copyIn = new LinkedHashMap<>();
            copyIn.put("host tar -c | " + engine + " exec -i tar -x", () -> shell(repo, "tar -C " + tree.getParent()
                    + " -cf - tree | " + engine + " exec -i -u " + SandboxUser.current().spec() + " " + container
                    + " sh -c 'mkdir -p /tmp/base" + round[0] + " && tar -x -f - -C /tmp/base" + round[0] + "'"));
            copyIn.put("IronboxSession.copyIn", () -> {
                session.copyIn(tree, "/tmp/ib" + round[0]);
                return 0;
            });
            copyIn.put("(clean up)", () -> {
                int code = session.exec("rm", "-rf", "/tmp/base" + round[0], "/tmp/ib" + round[0]).exitCode();
                round[0]++;
                return code;
            });
            session.exec("mkdir", "-p", "/tmp/out");
            session.copyIn(tree, "/tmp/out");
            Map<String, Callable<Integer>> copyOut = new LinkedHashMap<>();
            copyOut.put(engine + " exec tar -c | host tar -x", () -> {
                Path into = Files.createDirectory(scratch.resolve("base-" + System.nanoTime()));
                return shell(repo, engine + " exec " + container + " tar -c -f - -C /tmp/out tree | tar -x -f - -C "
                        + into);
            });
            copyOut.put("IronboxSession.copyOut", () -> {
                session.copyOut("/tmp/out/tree", scratch.resolve("ib-" + System.nanoTime()));
                return 0;
            });
            int copyRounds = Math.max(3, rounds / 3);
            print("copy of a " + COPY_MIB + " MiB tree into the session on " + engine, copyRounds,
                    measure(copyRounds, copyIn), COPY_MIB);
            print("copy of a " + COPY_MIB + " MiB tree out of the session on " + engine, copyRounds,
                    measure(copyRounds, copyOut), COPY_MIB);
        } finally {
            shell(Path.of("/"), "rm -rf " + scratch);
        }
    }

    /** 64 files of 1 MiB of random bytes in two directories. */
    private static Path tree(Path root) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < COPY_MIB; i++) {
            Path dir = Files.createDirectories(root.resolve("d" + (i % 2)));
            random.nextBytes(block);
            try (OutputStream out = Files.newOutputStream(dir.resolve("f" + i))) {
                out.write(block);
            }
        }
        return root;
    }

    private static Map<String, List<Double>> measure(int rounds, Map<String, Callable<Integer>> ways)
            throws Exception {
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        for (Map.Entry<String, Callable<Integer>> way : ways.entrySet()) {
            check(way.getKey(), way.getValue().call()); // one warm-up each
            millis.put(way.getKey(), new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Callable<Integer>> way : ways.entrySet()) {
                long start = System.nanoTime();
                check(way.getKey(), way.getValue().call());
                millis.get(way.getKey()).add((System.nanoTime() - start) / 1e6);
            }
        }
        millis.remove("(clean up)");
        return millis;
    }

    private static void print(String title, int rounds, Map<String, List<Double>> millis, int mib) {
        System.out.printf("%s, %d rounds, %d cores%n", title, rounds, Runtime.getRuntime().availableProcessors());
        double baseline = median(millis.values().iterator().next());
        for (Map.Entry<String, List<Double>> e : millis.entrySet()) {
            double median = median(e.getValue());
            String rate = mib == 0 ? "" : String.format("  %6.1f MiB/s", mib / (median / 1000));
            System.out.printf("  %-45s median %8.1f ms%s  ratio to the baseline %.2f%n", e.getKey(), median, rate,
                    median / baseline);
        }
    }

    private static void check(String way, int exit) {
        if (exit != 0) {
            throw new IllegalStateException(way + " exited " + exit);
        }
    }

    private static int shell(Path dir, String script) throws IOException, InterruptedException {
        return process(dir, "sh", "-c", script);
    }

    private static int process(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return p.waitFor();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
