package dev.ironbox.cli;

import dev.ironbox.core.settings.RunEgress;

import dev.ironbox.core.settings.RunConfiguration;

import dev.ironbox.core.settings.EgressSettings;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.Precedence;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ironbox session start}: starts a detached session and prints its id. */
@Command(name = "start",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Starts a session: a hardened container (the options of 'ironbox run') that stays up for "
                    + "'ironbox session exec', and prints its id.",
            "The container's limits (--memory, --cpus, --pids) bound every command in it; --timeout and "
                    + "--max-output are given to each 'session exec'. A session has no network: allowing hosts with a "
                    + "flag is refused, and the config file's [network] settings are ignored (with a note), because "
                    + "the egress proxy lives in the process that starts the session, and this one exits at once.",
            "",
            "Examples:",
            "  ironbox session start",
            "  ironbox session start --policy workspace_write --workspace ./project --ttl 2h",
            "  ironbox session start --ttl 10m --max-lifetime 8h",
            "  ironbox session start --json"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the session runs; its id is printed",
            "125:bad option, refused policy or network, or engine failure; nothing is left behind"
        })
final class SessionStartCommand implements Callable<Integer> {

    @Mixin
    RunOptions options = new RunOptions();

    @Mixin
    SessionLifetimeOptions lifetime = new SessionLifetimeOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--json",
            description = "Print one JSON object: id, runtime, container, image, policy, ttl, expires.")
    boolean json;

    private final RunEgress egress;
    private final SelectRuntimeUseCase selection;
    private final RunConfiguration config;
    private final CliContext context;

    SessionStartCommand(RunEgress egress, SelectRuntimeUseCase selection, RunConfiguration config,
            CliContext context) {
        this.egress = egress;
        this.selection = selection;
        this.config = config;
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Path cwd = context.workingDirectory();
        SettingsLayer flags = lifetime.addTo(options.flags(cwd));
        Precedence effective = new Precedence(flags, SettingsLayer.empty(), config.settings(), cwd)
                .check(SettingKey.RUN).check(List.of(SettingKey.TTL, SettingKey.MAX_LIFETIME));
        EgressSettings network = network(effective, flags, cwd);
        SessionRequest request = SandboxRequests.session(effective, cwd, network);
        SandboxSettings settings = SandboxSettings.builder()
                .allowFullAccess(SandboxRequests.allowFullAccess(effective)).build();
        RuntimeChoice choice = selection.select(Optional.ofNullable(options.runtime));
        SessionInfo session;
        try (Sandbox sandbox = egress.open(choice.runtime(), settings, network.upstreamCa())) {
            session = sandbox.startSession(request);
        }
        context.out().println(json ? CliJson.write(SessionJson.Started.of(session)) : session.id());
        context.out().flush();
        return ExitCodes.OK;
    }

    /**
     * The flags' network settings alone when the config file's would open the network: a session started here has
     * none (the proxy would die with this process), and a config file written for 'ironbox run' must not make every
     * session start fail. Hosts allowed by a flag still reach core, which refuses them with the reason.
     */
    private EgressSettings network(Precedence effective, SettingsLayer flagLayer, Path cwd) {
        EgressSettings flags = EgressSettings.of(new Precedence(flagLayer, SettingsLayer.empty(),
                SettingsLayer.empty(), cwd));
        EgressSettings combined = EgressSettings.of(effective);
        if (flags.policy().allowsAnything() || !combined.policy().allowsAnything()) {
            return combined;
        }
        context.err().println("ironbox: note: the config file's [network] settings do not apply to a session started "
                + "from the command line; it has no network (use 'ironbox run', or a session of the Java API)");
        return flags;
    }
}
