package dev.ironbox.cli;

import dev.ironbox.core.settings.RunConfiguration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that describe a sandbox, shared by {@code run}, {@code session start} and {@code config show}: a picocli
 * mixin. A field is null (empty) when its flag was not given, so {@link #resolve} can tell a flag from the config file
 * and from the default. Help shows the effective default ({@code ${bundle:ironbox.default.--timeout}}).
 */
final class RunOptions {

    private static final String DEFAULT = " Default: ${bundle:" + KnownRuntimes.DEFAULT_KEY;

    @Option(names = "--runtime", paramLabel = "ID", showDefaultValue = Visibility.NEVER,
            description = "Container runtime: ${bundle:" + KnownRuntimes.KEY + "}. auto takes the first that works. "
                    + "Default: $IRONBOX_RUNTIME, else runtime in the config file (ironbox.toml), else auto.")
    String runtime;

    @Option(names = "--policy", paramLabel = "POLICY", showDefaultValue = Visibility.NEVER,
            description = "readonly (workspace read-only), workspace_write (workspace writable) or full_access "
                    + "(no sandbox: runs on the host; needs --allow-full-access)." + DEFAULT + "--policy}.")
    String policy;

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
            description = "Wall-clock limit, e.g. 30s, 500ms, 2m, 1h; CMD is killed at it (exit code 124)."
                    + DEFAULT + "--timeout}.")
    String timeout;

    @Option(names = "--memory", paramLabel = "SIZE", showDefaultValue = Visibility.NEVER,
            description = "Memory limit (no extra swap), e.g. 512m, 2g." + DEFAULT + "--memory}.")
    String memory;

    @Option(names = "--cpus", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "CPU limit in cores; fractions allowed, e.g. 0.5." + DEFAULT + "--cpus}.")
    String cpus;

    @Option(names = "--pids", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Maximum number of processes and threads." + DEFAULT + "--pids}.")
    String pids;

    @Option(names = "--max-output", paramLabel = "SIZE", showDefaultValue = Visibility.NEVER,
            description = "Bytes of stdout plus stderr kept in the result (--json); the rest is counted as dropped."
                    + DEFAULT + "--max-output}.")
    String maxOutput;

    @Option(names = "--env", paramLabel = "NAME=VALUE", showDefaultValue = Visibility.NEVER,
            description = "Environment variable for CMD; repeatable, added to run.env of the config file. The host "
                    + "environment is not passed on.")
    List<String> env = new ArrayList<>();

    @Mixin
    EgressFlags network = new EgressFlags();

    /**
     * The effective options: each flag given, else the config file's value, else the default; {@code --env} is the
     * file's variables followed by the flags'.
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the config file cannot be read or is wrong,
     *     or {@code --workspace} is not a directory
     */
    EffectiveOptions resolve(RunConfiguration config, Path workingDirectory) {
        Resolver resolver = new Resolver(config, workingDirectory);
        addTo(resolver, workingDirectory);
        return resolver.result();
    }

    /** Adds these options to {@code resolver}, in display order. */
    void addTo(Resolver resolver, Path workingDirectory) {
        resolver.single("run.policy", "--policy", policy)
                .flagOnly("run.allow-full-access", "--allow-full-access",
                        allowFullAccess == null ? null : allowFullAccess.toString())
                .single("run.workspace", "--workspace",
                        workspace == null ? null : OptionValues.workspace(workspace, workingDirectory).toString())
                .single("run.image", "--image", image)
                .single("run.timeout", "--timeout", timeout)
                .single("run.memory", "--memory", memory)
                .single("run.cpus", "--cpus", cpus)
                .single("run.pids", "--pids", pids)
                .single("run.max-output", "--max-output", maxOutput)
                .repeated("run.env", "--env", env);
    }
}
