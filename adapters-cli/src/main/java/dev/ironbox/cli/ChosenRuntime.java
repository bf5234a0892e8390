package dev.ironbox.cli;

import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --runtime ID} option of the {@code image} commands, which work on one runtime. */
final class ChosenRuntime {

    @Option(names = "--runtime", paramLabel = "ID",
            description = "Container runtime: ${bundle:" + KnownRuntimes.KEY + "}. "
                    + "Default: $IRONBOX_RUNTIME, else runtime in the config file (ironbox.toml), else auto.")
    String runtime;

    /**
     * Opens a sandbox on {@code --runtime}, else on what configuration picks ($IRONBOX_RUNTIME, the config file,
     * auto), as {@code ironbox run} does; the caller closes it.
     */
    Sandbox open(SandboxFactory factory, SelectRuntimeUseCase selection) {
        RuntimeChoice choice = selection.select(Optional.ofNullable(runtime));
        return factory.open(choice.runtime(), SandboxSettings.builder().build());
    }
}
