package dev.ironbox.cli;

import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import dev.ironbox.core.settings.RunConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that describe a sandbox, shared by {@code run}, {@code session start} and {@code config show}: a picocli
 * mixin. A field is null (empty) when its flag was not given, so {@link dev.ironbox.core.settings.Precedence} can
 * tell a flag from the config file and from the default. Help shows the effective default ({@code ${bundle:ironbox.default.--timeout}}).
 */
final class RunOptions {

    private static final String DEFAULT = " Default: ${bundle:" + KnownRuntimes.DEFAULT_KEY;

    @Option(names = "--runtime", paramLabel = "ID", showDefaultValue = Visibility.NEVER,
            description = "Container runtime: ${bundle:" + KnownRuntimes.KEY + "}. auto takes the first that works. "
                    + "Default: $IRONBOX_RUNTIME, else runtime in the config file (ironbox.toml), else auto.")
    String runtime;

    @Option(names = "--policy", paramLabel = "POLICY", showDefaultValue = Visibility.NEVER,
            converter = OptionConverters.Policy.class,
            description = "readonly (workspace read-only), workspace_write (workspace writable) or full_access "
                    + "(no sandbox: runs on the host; needs --allow-full-access)." + DEFAULT + "--policy}.")
    SandboxPolicy policy;

    @Option(names = "--allow-full-access", showDefaultValue = Visibility.NEVER,
            description = "Permit --policy full_access, which runs CMD on the host without any sandbox.")
    Boolean allowFullAccess;

    @Option(names = "--workspace", paramLabel = "DIR", showDefaultValue = Visibility.NEVER,
            description = "Host directory mounted at /workspace (the working directory of CMD)." + DEFAULT
                    + "--workspace}.")
    String workspace;

    @Option(names = "--image", paramLabel = "IMG", showDefaultValue = Visibility.NEVER,
            description = "Container image; the default one is built locally from the host's busybox when absent."
                    + DEFAULT + "--image}.")
    String image;

    @Option(names = "--timeout", paramLabel = "DURATION", showDefaultValue = Visibility.NEVER,
            converter = OptionConverters.Timeout.class,
            description = "Wall-clock limit, e.g. 30s, 500ms, 2m, 1h; CMD is killed at it (exit code 124)."
                    + DEFAULT + "--timeout}.")
    Duration timeout;

    @Option(names = "--memory", paramLabel = "SIZE", showDefaultValue = Visibility.NEVER,
            converter = OptionConverters.Memory.class,
            description = "Memory limit (no extra swap), e.g. 512m, 2g." + DEFAULT + "--memory}.")
    ByteSize memory;

    @Option(names = "--cpus", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            converter = OptionConverters.Cpus.class,
            description = "CPU limit in cores; fractions allowed, e.g. 0.5." + DEFAULT + "--cpus}.")
    Double cpus;

    @Option(names = "--pids", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            converter = OptionConverters.Pids.class,
            description = "Maximum number of processes and threads." + DEFAULT + "--pids}.")
    Long pids;

    @Option(names = "--max-output", paramLabel = "SIZE", showDefaultValue = Visibility.NEVER,
            converter = OptionConverters.MaxOutput.class,
            description = "Bytes of stdout plus stderr kept in the result (--json); the rest is counted as dropped."
                    + DEFAULT + "--max-output}.")
    ByteSize maxOutput;

    @Option(names = "--env", paramLabel = "NAME=VALUE", showDefaultValue = Visibility.NEVER,
            description = "Environment variable for CMD; repeatable, added to run.env of the config file. The host "
                    + "environment is not passed on.")
    List<String> env = new ArrayList<>();

    @Mixin
    EgressFlags network = new EgressFlags();

    /** The command these options belong to: where the flags' text, as given, is read. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The flags given, typed (picocli converted each: {@link OptionConverters}), each with its text as given; the
     * network flags' too. {@code --workspace} resolves against {@code workingDirectory}.
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when {@code --workspace} is not a directory, or a
     *     network flag is malformed
     */
    SettingsLayer flags(Path workingDirectory) {
        SettingsLayer flags = SettingsLayer.empty()
                .with(SettingKey.POLICY, policy, given(command, "--policy"), SettingSource.flag("--policy"))
                .with(SettingKey.ALLOW_FULL_ACCESS, allowFullAccess, SettingSource.flag("--allow-full-access"))
                .with(SettingKey.WORKSPACE, workspace == null ? null
                        : OptionValues.workspace(workspace, workingDirectory), SettingSource.flag("--workspace"))
                .with(SettingKey.IMAGE, image, SettingSource.flag("--image"))
                .with(SettingKey.TIMEOUT, timeout, given(command, "--timeout"), SettingSource.flag("--timeout"))
                .with(SettingKey.MEMORY, memory, given(command, "--memory"), SettingSource.flag("--memory"))
                .with(SettingKey.CPUS, cpus, given(command, "--cpus"), SettingSource.flag("--cpus"))
                .with(SettingKey.PIDS, pids, given(command, "--pids"), SettingSource.flag("--pids"))
                .with(SettingKey.MAX_OUTPUT, maxOutput, given(command, "--max-output"),
                        SettingSource.flag("--max-output"))
                .with(SettingKey.ENV, env.isEmpty() ? null : List.copyOf(env), SettingSource.flag("--env"));
        return network.addTo(flags, workingDirectory);
    }

    /** The text {@code option} was given as on {@code command}'s line (the last, when given twice). */
    static String given(CommandSpec command, String option) {
        List<String> texts = command.findOption(option).originalStringValues();
        return texts.isEmpty() ? "" : texts.get(texts.size() - 1);
    }
}
