package dev.ironbox.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's own command line through {@link ProcessBuilder}: {@code ENGINE run --rm} with the same hardening (the
 * baseline every ratio refers to), and {@code ENGINE exec} into a warm container of the same profile.
 */
final class EngineCli implements AutoCloseable {

    private final String engine;
    private final Hardening hardening;
    private String warm;

    EngineCli(String engine, Hardening hardening) {
        this.engine = engine;
        this.hardening = hardening;
    }

    /** The baseline: {@code ENGINE run --rm FLAGS IMAGE CMD}. */
    Way runRm() {
        return Way.of(baselineName(engine), this::runOnce);
    }

    static String baselineName(String engine) {
        return "`" + engine + " run --rm` (ProcessBuilder)";
    }

    void runOnce(Workload workload) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(engine, "run", "--rm"));
        command.addAll(hardening.cliFlags(true));
        command.add(Hardening.IMAGE);
        command.addAll(workload.argv());
        Output out = run(command);
        workload.check(engine + " run --rm", out.exit, out.bytes);
    }

    /** {@code ENGINE exec} into a warm container started once (hardened, waiting in {@code sleep}). */
    Way execWarm() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(engine, "run", "-d", "--rm"));
        command.addAll(hardening.cliFlags(true));
        command.add(Hardening.IMAGE);
        command.addAll(List.of("sleep", "86400"));
        Output started = run(command, true);
        if (started.exit != 0) {
            throw new IllegalStateException(engine + " could not start the warm container: exit " + started.exit);
        }
        warm = started.text.strip();
        return Way.of("`" + engine + " exec` into a warm container", workload -> {
            List<String> exec = new ArrayList<>(List.of(engine, "exec", warm));
            exec.addAll(workload.argv());
            Output out = run(exec);
            workload.check(engine + " exec", out.exit, out.bytes);
        });
    }

    private static Output run(List<String> command) throws IOException, InterruptedException {
        return run(command, false);
    }

    private static Output run(List<String> command, boolean keepText) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long bytes = 0;
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes += n;
                if (keepText) {
                    text.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return new Output(process.waitFor(), bytes, text.toString());
    }

    @Override
    public void close() throws IOException {
        if (warm != null) {
            try {
                Output removed = run(List.of(engine, "rm", "-f", warm));
                if (removed.exit != 0) {
                    System.err.println("WARN: could not remove the warm container " + warm + ": " + engine
                            + " rm -f exited " + removed.exit);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                System.err.println("WARN: interrupted while removing the warm container " + warm);
            }
            warm = null;
        }
    }

    private record Output(int exit, long bytes, String text) {}
}
