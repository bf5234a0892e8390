package dev.ironbox.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Captured stdout and stderr around a command line built over a fake factory. */
final class Console {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CliContext context;
    private final FakeSandboxFactory factory;

    Console(FakeSandboxFactory factory, Path workingDirectory, Map<String, String> environment) {
        this.context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, workingDirectory);
        this.factory = factory;
    }

    int execute(String... args) {
        return IronboxCli.commandLine(factory, context).execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
