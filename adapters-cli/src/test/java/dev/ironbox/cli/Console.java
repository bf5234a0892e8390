package dev.ironbox.cli;

import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
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
    private final SelectRuntimeUseCase selection;
    private final DiagnoseRuntimesUseCase doctor;

    Console(FakeSandboxFactory factory, Path workingDirectory, Map<String, String> environment) {
        this(factory, workingDirectory, environment, requested -> requested
                .map(id -> new RuntimeChoice(id, RuntimeChoice.REQUESTED))
                .orElse(new RuntimeChoice("fake", "IRONBOX_RUNTIME")), () -> {
                    throw new UnsupportedOperationException("no doctor here");
                });
    }

    /** @param selection what configuration picks when {@code --runtime} is not given */
    Console(FakeSandboxFactory factory, Path workingDirectory, Map<String, String> environment,
            SelectRuntimeUseCase selection, DiagnoseRuntimesUseCase doctor) {
        this.context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, workingDirectory);
        this.factory = factory;
        this.selection = selection;
        this.doctor = doctor;
    }

    int execute(String... args) {
        return IronboxCli.commandLine(factory, selection, doctor, context).execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
