package dev.ironbox.app;

import dev.ironbox.cliapp.CliComponent;
import dev.ironbox.core.settings.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@code ironbox ARGS} in this JVM through the component, as {@code Main} does, capturing its output. */
final class InProcessCli {

    /** One finished command: its exit code, stdout and stderr. */
    record Outcome(int code, String out, String err) {

        /** For assertion messages. */
        @Override
        public String toString() {
            return "exit " + code + ", stdout: " + out + ", stderr: " + err;
        }
    }

    private final Path workspace;

    /** @param workspace the working directory, and HOME (so no user's config file interferes) */
    InProcessCli(Path workspace) {
        this.workspace = workspace;
    }

    Outcome ironbox(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", workspace.toString()), workspace);
        int code = CliComponent.create(context).commandLine().execute(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
