package dev.ironbox.cli;

import dev.ironbox.core.settings.EgressSettings;
import dev.ironbox.core.settings.ConfigTrust;
import dev.ironbox.core.settings.ConfigReview;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.Precedence;
import dev.ironbox.core.settings.Setting;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ironbox config show}: every setting's effective value and where it came from. */
@Command(name = "show",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Prints every setting with its effective value and its source: 'flag --timeout', 'environment "
                    + "IRONBOX_RUNTIME', 'file <path>' or 'default'. The options are those of 'ironbox run' and "
                    + "'ironbox session start': give some to see what a command with them would use.",
            "A project's ./ironbox.toml is shown with its trust: the settings it may not make until you trust it "
                    + "('ironbox config trust') are listed as not applied.",
            "The pool.* settings (the config file's [pool] table) are the warm pool of programs that embed Ironbox "
                    + "(Ironbox.builder()); no flag sets them, and the one-shot commands ('ironbox run') never start a "
                    + "pool: each is a new process, which would warm containers only to throw them away.",
            "",
            "Examples:",
            "  ironbox config show",
            "  ironbox config show --runtime podman --memory 1g",
            "  ironbox config show --json"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "125:a broken config file or a bad option (one line says which)"})
final class ConfigShowCommand implements Callable<Integer> {

    private static final String NONE = "(none)";

    @Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--ttl", paramLabel = "DURATION", converter = OptionConverters.Ttl.class,
            description = "A session's idle TTL. Default: ${bundle:" + KnownRuntimes.DEFAULT_KEY + "--ttl}.")
    Duration ttl;

    @Option(names = "--max-lifetime", paramLabel = "DURATION", converter = OptionConverters.MaxLifetime.class,
            description = "A session's max lifetime. Default: ${bundle:" + KnownRuntimes.DEFAULT_KEY
                    + "--max-lifetime}, or the TTL when longer.")
    Duration maxLifetime;

    @Option(names = "--json", description = "Print one JSON object: configFile, configFiles, projectFile (path, "
            + "sha256, trusted, needsTrust, notApplied) and settings (name, value, source).")
    boolean json;

    @Spec
    CommandSpec spec;

    private final ConfigTrust trust;
    private final SelectRuntimeUseCase selection;
    private final CliContext context;

    ConfigShowCommand(ConfigTrust trust, SelectRuntimeUseCase selection, CliContext context) {
        this.trust = trust;
        this.selection = selection;
        this.context = context;
    }

    @Override
    public Integer call() {
        ConfigReview review = trust.review();
        List<Setting<?>> settings = settings(review);
        if (json) {
            context.out().println(CliJson.write(ConfigShowJson.of(review.applied().file(), review.files(),
                    review.projectFile(), settings, runtimeRows(review))));
        } else {
            context.out().print(TrustText.files(review) + table(settings, runtimeRows(review)) + poolNote(settings));
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    /** Every setting, in the order of the config file's documentation, as {@link Precedence} decides it. */
    private List<Setting<?>> settings(ConfigReview review) {
        Path cwd = context.workingDirectory();
        SettingsLayer flags = options.flags(cwd)
                .with(SettingKey.TTL, ttl, RunOptions.given(spec, "--ttl"), SettingSource.flag("--ttl"))
                .with(SettingKey.MAX_LIFETIME, maxLifetime, RunOptions.given(spec, "--max-lifetime"),
                        SettingSource.flag("--max-lifetime"));
        Precedence effective = new Precedence(flags, SettingsLayer.empty(), review.applied().settings(), cwd);
        List<Setting<?>> settings = new ArrayList<>();
        settings.add(runtime(selection.select(Optional.ofNullable(options.runtime))));
        for (SettingKey<?> key : SettingKey.ALL) {
            if (key == SettingKey.DEFAULT_DOMAINS) {
                // unset, the defaults are included as soon as anything is allowed or mapped
                settings.add(effective.setting(SettingKey.DEFAULT_DOMAINS).orElseGet(() -> Setting.of(
                        SettingKey.DEFAULT_DOMAINS, EgressSettings.of(effective).includesDefaults(),
                        SettingSource.DEFAULT)));
            } else if (key == SettingKey.UPSTREAM_CA) {
                settings.add(effective.setting(SettingKey.UPSTREAM_CA).orElseGet(() -> new Setting<>(
                        SettingKey.UPSTREAM_CA, Path.of(""), "", SettingSource.DEFAULT)));
            } else if (key != SettingKey.RUNTIME) {
                settings.add(effective.setting(key).orElseThrow());
            }
        }
        return settings;
    }

    /** The runtime as the selection chose it (flag, else environment, else file, else auto). */
    private static Setting<String> runtime(RuntimeChoice choice) {
        SettingSource source = switch (choice.source()) {
            case RuntimeChoice.REQUESTED -> SettingSource.flag("--runtime");
            case RuntimeChoice.DEFAULT -> SettingSource.DEFAULT;
            case "IRONBOX_RUNTIME" -> SettingSource.environment("IRONBOX_RUNTIME");
            default -> SettingSource.file(choice.source());
        };
        return new Setting<>(SettingKey.RUNTIME, choice.runtime(), choice.runtime(), source);
    }

    /**
     * The runtimes' own tables ({@code kubernetes.namespace}) as the files set them, each with its file and line;
     * a key no file sets has the runtime's default, which only the runtime knows.
     */
    static List<ConfigShowJson.SettingJson> runtimeRows(ConfigReview review) {
        List<ConfigShowJson.SettingJson> rows = new ArrayList<>();
        review.runtimeTables().forEach((id, table) -> table.values().keySet().stream().sorted().forEach(key ->
                rows.add(new ConfigShowJson.SettingJson(id + "." + key, table.values().get(key),
                        Optional.ofNullable(table.sources().get(key)).map(source -> "file " + source)
                                .orElse("builder")))));
        return rows;
    }

    private static String table(List<Setting<?>> settings, List<ConfigShowJson.SettingJson> runtimeRows) {
        List<ConfigShowJson.SettingJson> rows = new ArrayList<>(settings.stream()
                .map(s -> new ConfigShowJson.SettingJson(s.key().name(), s.text(), s.source().toString())).toList());
        rows.addAll(runtimeRows);
        int name = Math.max("SETTING".length(), rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        int value = Math.max("VALUE".length(), rows.stream().mapToInt(r -> display(r.value()).length()).max()
                .orElse(0));
        String row = "%-" + name + "s  %-" + value + "s  %s%n";
        StringBuilder text = new StringBuilder(String.format("%n" + row, "SETTING", "VALUE", "SOURCE"));
        rows.forEach(r -> text.append(String.format(row, r.name(), display(r.value()), r.source())));
        return text.toString();
    }

    /** A pool that is set would not be used by the command line: say so under the table. */
    private static String poolNote(List<Setting<?>> settings) {
        boolean pooled = settings.stream().anyMatch(s -> s.key() == SettingKey.POOL_SIZE
                && ((Integer) s.value()) > 0);
        return pooled ? String.format("%nnote: the pool (pool.*) is for programs that embed Ironbox; 'ironbox run' "
                + "starts a new process per command and always runs cold%n") : "";
    }

    private static String display(String value) {
        return value.isEmpty() ? NONE : value;
    }
}
