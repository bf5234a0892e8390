package dev.ironbox.core.workspace;

import dev.ironbox.core.label.SandboxUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Prints what a workspace sweep costs on a tree of many files (default 50,000 in 500 directories; in every other
 * round, every tenth file needs its mode cleared). A figure, not a test: {@code java -cp ... dev.ironbox.core.workspace.WorkspaceSweepBenchmark
 * [files] [rounds]}, or through the IDE.
 */
public final class WorkspaceSweepBenchmark {

    private WorkspaceSweepBenchmark() {}

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path root = Files.createTempDirectory("ironbox-sweep-bench");
        try {
            Instant start = Instant.now();
            for (int i = 0; i < files; i++) {
                Path dir = Files.createDirectories(root.resolve("d" + (i % 500)));
                Files.writeString(dir.resolve("f" + i), "");
            }
            for (boolean live : new boolean[] {false, true}) {
                for (int round = 0; round < rounds; round++) {
                    boolean dirty = round % 2 == 0;
                    for (int i = 0; dirty && i < files; i += 10) { // every tenth file set-id and group-writable
                        Files.setAttribute(root.resolve("d" + (i % 500)).resolve("f" + i), "unix:mode", 06775);
                    }
                    long began = System.nanoTime();
                    WorkspaceSweep.Report report = WorkspaceSweep.sweep(root.toRealPath(),
                            SweepRule.since(SandboxUser.current().isCaller() ? SandboxUser.current().uid() : 0, start),
                            live);
                    System.out.printf("live=%s round %d: %d entries, %d cleared, %.0f ms%n", live, round,
                            report.entries(), report.cleared(), (System.nanoTime() - began) / 1e6);
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                System.err.println("could not delete " + root + ": " + e.getMessage());
            }
        }
    }
}
