package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.util.function.BiFunction;
import java.util.function.Function;

/** What {@code image build} and {@code image host-tools} share: open the runtime, import with progress, print. */
final class ImageImports {

    private final SandboxFactory factory;
    private final SelectRuntimeUseCase selection;
    private final CliContext context;
    private final Function<String, ImageCommand.Progress> progress;

    ImageImports(SandboxFactory factory, SelectRuntimeUseCase selection, CliContext context,
            Function<String, ImageCommand.Progress> progress) {
        this.factory = factory;
        this.selection = selection;
        this.context = context;
        this.progress = progress;
    }

    CliContext context() {
        return context;
    }

    /**
     * Runs {@code build} on the chosen runtime with a progress display labelled {@code label} (cleared even when it
     * fails), then prints the reference it returns.
     */
    int store(ChosenRuntime runtime, String label, BiFunction<Sandbox, TransferProgress, String> build) {
        String stored;
        try (Sandbox sandbox = runtime.open(factory, selection)) {
            ImageCommand.Progress shown = progress.apply(label);
            try {
                stored = build.apply(sandbox, shown.listener());
            } finally {
                shown.finish().run();
            }
        }
        context.out().println(stored);
        context.out().flush();
        return ExitCodes.OK;
    }
}
