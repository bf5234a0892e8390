package dev.ironbox.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The engines' own CLIs, for what Ironbox's ports do not show (Podman's pods) or to check it independently. */
final class EngineCli {

    private EngineCli() {}

    /** Whether the command exits 0 (its output is discarded). */
    static boolean succeeds(String... command) {
        return run(command).exit() == 0;
    }

    /** The non-blank lines of the command's output; it must exit 0. */
    static List<String> lines(String... command) {
        Result result = run(command);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exit() + ": "
                    + result.output());
        }
        return result.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private record Result(int exit, String output) {}

    private static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
