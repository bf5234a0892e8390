package dev.ironbox.cli;

import dev.ironbox.core.settings.RunEgress;

import dev.ironbox.core.settings.RunConfiguration;

import dev.ironbox.core.settings.EgressSettings;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.Setting;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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

    /** The config files' [network] settings, as the composition root would read them (added to the files'). */
    Supplier<EgressSettings> configured = EgressSettings::none;

    /** The config file's run options, as the composition root would read them. */
    RunConfiguration runConfiguration = RunConfiguration.none();

    /** Use the command line without a {@link RunEgress}, as a composition root that has no egress proxy. */
    boolean withoutEgress;

    int execute(String... args) {
        if (withoutEgress) {
            return IronboxCli.commandLine(factory, selection, doctor, context).execute(args);
        }
        RunConfiguration files = new RunConfiguration() {
            @Override
            public Optional<Path> file() {
                return runConfiguration.file();
            }

            @Override
            public SettingsLayer settings() {
                SettingsLayer layer = runConfiguration.settings();
                for (Setting<?> network : configured.get()
                        .layer(SettingSource.files(runConfiguration.file().stream().toList())).all()) {
                    layer = layer.with(network);
                }
                return layer;
            }
        };
        RunEgress egress = new RunEgress() {
            @Override
            public Sandbox open(String runtimeId, SandboxSettings settings, Optional<Path> upstreamCa) {
                factory.openedUpstreamCa = upstreamCa;
                return factory.open(runtimeId, settings);
            }
        };
        return IronboxCli.commandLine(factory, selection, doctor, egress, files, context).execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
