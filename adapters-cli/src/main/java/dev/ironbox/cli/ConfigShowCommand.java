package dev.ironbox.cli;

import dev.ironbox.core.settings.RunConfiguration;

import dev.ironbox.core.settings.ProjectFileTrust;

import dev.ironbox.core.settings.EgressSettings;

import dev.ironbox.core.settings.ConfigTrust;

import dev.ironbox.core.settings.ConfigReview;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            "A project's ./ironbox.toml is shown with its trust: the settings it may not make until you trust it "
                    + "('ironbox config trust') are listed as not applied.",
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

    @Option(names = "--json", description = "Print one JSON object: configFile, configFiles, projectFile (path, "
            + "sha256, trusted, needsTrust, notApplied) and settings (name, value, source).")
    boolean json;

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
        List<Setting> settings = settings(review);
        if (json) {
            context.out().println(CliJson.write(ConfigShowJson.of(review.applied().file(), review.files(),
                    review.projectFile(), settings)));
        } else {
            context.out().print(TrustText.files(review) + table(settings));
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    /** Every setting, in the order of the config file's documentation. */
    private List<Setting> settings(ConfigReview review) {
        Path cwd = context.workingDirectory();
        List<Setting> settings = new ArrayList<>();
        settings.add(runtime(selection.select(Optional.ofNullable(options.runtime))));
        Resolver resolver = new Resolver(review.applied(), cwd);
        options.addTo(resolver, cwd);
        settings.addAll(resolver.single("session.ttl", "--ttl", ttl)
                .single("session.max-lifetime", "--max-lifetime", maxLifetime).result().all());
        settings.addAll(network(review, options.network.settings(cwd)));
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

    private static List<Setting> network(ConfigReview review, EgressSettings flags) {
        EgressSettings file = review.network();
        RunConfiguration config = review.applied();
        EgressSettings effective = file.plus(flags);
        List<Setting> rows = new ArrayList<>();
        rows.add(new Setting("network.allow-domains", String.join(" ", effective.allowDomains()),
                added(!file.allowDomains().isEmpty(), !flags.allowDomains().isEmpty(),
                        config.sources("network.allow-domains"), "--allow-domain")));
        rows.add(new Setting("network.credentials", String.join(" ",
                effective.credentials().stream().map(CredentialMapping::toString).toList()),
                added(!file.credentials().isEmpty(), !flags.credentials().isEmpty(),
                        config.sources("network.credentials"), "--credential")));
        rows.add(new Setting("network.default-domains", Boolean.toString(effective.includesDefaults()),
                flags.defaultDomains().isPresent() ? Setting.flag(flags.defaultDomains().get()
                        ? "--default-domains" : "--no-default-domains")
                        : file.defaultDomains().isPresent() ? Setting.files(config.sources("network.default-domains"))
                        : Setting.DEFAULT));
        rows.add(new Setting("network.upstream-ca", effective.upstreamCa().map(Path::toString).orElse(""),
                flags.upstreamCa().isPresent() ? Setting.flag("--upstream-ca")
                        : file.upstreamCa().isPresent() ? Setting.files(config.sources("network.upstream-ca"))
                        : Setting.DEFAULT));
        return rows;
    }

    /** The source of a setting both the file and the flags add to. */
    private static String added(boolean inFile, boolean inFlags, List<Path> files, String option) {
        List<String> sources = Stream.of(inFile ? Setting.files(files) : null, inFlags ? Setting.flag(option) : null)
                .filter(s -> s != null).toList();
        return sources.isEmpty() ? Setting.DEFAULT : String.join(" + ", sources);
    }

    private static String table(List<Setting> settings) {
        int name = Math.max("SETTING".length(), settings.stream().mapToInt(s -> s.name().length()).max().orElse(0));
        int value = Math.max("VALUE".length(), settings.stream()
                .mapToInt(s -> display(s.value()).length()).max().orElse(0));
        String row = "%-" + name + "s  %-" + value + "s  %s%n";
        StringBuilder text = new StringBuilder(String.format("%n" + row, "SETTING", "VALUE", "SOURCE"));
        settings.forEach(s -> text.append(String.format(row, s.name(), display(s.value()), s.source())));
        return text.toString();
    }

    private static String display(String value) {
        return value.isEmpty() ? NONE : value;
    }
}
