package dev.ironbox.cli;

import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(names = "--ttl", paramLabel = "DURATION",
            description = "A session's idle TTL. Default: ${bundle:" + KnownRuntimes.DEFAULT_KEY + "--ttl}.")
    String ttl;

    @Option(names = "--max-lifetime", paramLabel = "DURATION",
            description = "A session's max lifetime. Default: ${bundle:" + KnownRuntimes.DEFAULT_KEY
                    + "--max-lifetime}, or the TTL when longer.")
    String maxLifetime;

    @Option(names = "--json", description = "Print one JSON object: configFile, and settings (name, value, source).")
    boolean json;

    private final RunEgress egress;
    private final SelectRuntimeUseCase selection;
    private final RunConfiguration config;
    private final CliContext context;

    ConfigShowCommand(RunEgress egress, SelectRuntimeUseCase selection, RunConfiguration config,
            CliContext context) {
        this.egress = egress;
        this.selection = selection;
        this.config = config;
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Setting> settings = settings();
        Optional<Path> file = config.file();
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("configFile", file.map(Path::toString).orElse(null));
            fields.put("settings", settings.stream().map(ConfigShowCommand::json).toList());
            context.out().println(SessionJson.write(fields));
        } else {
            context.out().print(table(settings, file));
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    /** Every setting, in the order of the config file's documentation. */
    List<Setting> settings() {
        Path cwd = context.workingDirectory();
        List<Setting> settings = new ArrayList<>();
        settings.add(runtime(selection.select(Optional.ofNullable(options.runtime))));
        Resolver resolver = new Resolver(config, cwd);
        options.addTo(resolver, cwd);
        settings.addAll(resolver.single("session.ttl", "--ttl", ttl)
                .single("session.max-lifetime", "--max-lifetime", maxLifetime).result().all());
        settings.addAll(network(egress.configured(), options.network.settings(cwd)));
        return settings;
    }

    private static Setting runtime(RuntimeChoice choice) {
        String source = switch (choice.source()) {
            case RuntimeChoice.REQUESTED -> Setting.flag("--runtime");
            case RuntimeChoice.DEFAULT -> Setting.DEFAULT;
            case "IRONBOX_RUNTIME" -> "environment IRONBOX_RUNTIME";
            default -> Setting.file(choice.source());
        };
        return new Setting("runtime", choice.runtime(), source);
    }

    private List<Setting> network(EgressSettings file, EgressSettings flags) {
        String fileSource = Setting.file(config.file().map(Path::toString).orElse("?"));
        EgressSettings effective = file.plus(flags);
        List<Setting> rows = new ArrayList<>();
        rows.add(new Setting("network.allow-domains", String.join(" ", effective.allowDomains()),
                added(!file.allowDomains().isEmpty(), !flags.allowDomains().isEmpty(), fileSource, "--allow-domain")));
        rows.add(new Setting("network.credentials", String.join(" ",
                effective.credentials().stream().map(CredentialMapping::toString).toList()),
                added(!file.credentials().isEmpty(), !flags.credentials().isEmpty(), fileSource, "--credential")));
        rows.add(new Setting("network.default-domains", Boolean.toString(effective.includesDefaults()),
                flags.defaultDomains().isPresent() ? Setting.flag(flags.defaultDomains().get()
                        ? "--default-domains" : "--no-default-domains")
                        : file.defaultDomains().isPresent() ? fileSource : Setting.DEFAULT));
        rows.add(new Setting("network.upstream-ca", effective.upstreamCa().map(Path::toString).orElse(""),
                flags.upstreamCa().isPresent() ? Setting.flag("--upstream-ca")
                        : file.upstreamCa().isPresent() ? fileSource : Setting.DEFAULT));
        return rows;
    }

    /** The source of a setting both the file and the flags add to. */
    private static String added(boolean inFile, boolean inFlags, String fileSource, String option) {
        List<String> sources = Stream.of(inFile ? fileSource : null, inFlags ? Setting.flag(option) : null)
                .filter(s -> s != null).toList();
        return sources.isEmpty() ? Setting.DEFAULT : String.join(" + ", sources);
    }

    private static String table(List<Setting> settings, Optional<Path> file) {
        int name = Math.max("SETTING".length(), settings.stream().mapToInt(s -> s.name().length()).max().orElse(0));
        int value = Math.max("VALUE".length(), settings.stream()
                .mapToInt(s -> display(s.value()).length()).max().orElse(0));
        String row = "%-" + name + "s  %-" + value + "s  %s%n";
        StringBuilder text = new StringBuilder(String.format("config file: %s%n%n",
                file.map(Path::toString).orElse("none")));
        text.append(String.format(row, "SETTING", "VALUE", "SOURCE"));
        settings.forEach(s -> text.append(String.format(row, s.name(), display(s.value()), s.source())));
        return text.toString();
    }

    private static Map<String, Object> json(Setting setting) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", setting.name());
        fields.put("value", setting.value());
        fields.put("source", setting.source());
        return fields;
    }

    private static String display(String value) {
        return value.isEmpty() ? NONE : value;
    }
}
