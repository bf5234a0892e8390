package dev.ironbox.cli;

import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.AssistantTerms;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.settings.EgressSettings;
import dev.ironbox.core.settings.PoolKeys;
import dev.ironbox.core.settings.Precedence;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.RunEgress;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ironbox mcp}: an MCP server on standard input and output, whose tools run an assistant's commands in
 * sandboxes on the terms the operator's flags and config file fix (the options of {@code ironbox run}).
 */
@Command(name = "mcp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Serves Ironbox to one AI assistant (an MCP client) over standard input and output (the Model Context "
                    + "Protocol, line-delimited JSON-RPC): tools to run a command in a fresh sandbox (run), to keep "
                    + "a sandbox between commands (session_start, session_exec, session_stop, session_list), and to "
                    + "move a file into or out of a session (write_file, read_file). Standard output carries only the "
                    + "protocol; Ironbox's own lines go to standard error.",
            "The options below are the operator's terms, fixed when the server starts (flags over the config file, as "
                    + "for 'ironbox run'): every call runs with this runtime, image, policy, workspace, network, "
                    + "limits and variables. A call may only narrow them: a shorter --timeout, less --max-output, "
                    + "variables of its own beside these. It can never widen them, nor ask for another policy, "
                    + "workspace, host or full access: such a call gets an error saying what the server allows.",
            "The client's sessions end when it disconnects or the server stops (SIGTERM, SIGINT); a killed server's "
                    + "containers are removed by 'ironbox cleanup'. With [pool] in the config file or --pool-size, "
                    + "runs start from warm sandboxes.",
            "",
            "Examples:",
            "  ironbox mcp --workspace ./project --timeout 2m --allow-domain pypi.org",
            "  ironbox mcp --policy workspace_write --memory 1g --pool-size 2",
            "  ironbox mcp --max-file-size 64m --max-output 1m"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the client disconnected (end of standard input); its sessions were stopped",
            "125:bad option, refused policy, or engine failure; the server did not start"
        })
final class McpCommand implements Callable<Integer> {

    /** Replaced by each call's own command: the terms' run is a template. */
    private static final List<String> PLACEHOLDER = List.of("true");

    @Mixin
    RunOptions options = new RunOptions();

    @Mixin
    UnisolatedEgress unisolatedEgress = new UnisolatedEgress();

    @Mixin
    SessionLifetimeOptions lifetime = new SessionLifetimeOptions();

    @Option(names = "--max-file-size", paramLabel = "SIZE", converter = OptionConverters.MaxFileSize.class,
            description = "The largest file write_file and read_file move into or out of a session, e.g. 1m, 64m. "
                    + "Default: 16m.")
    ByteSize maxFileSize = new ByteSize(AssistantTerms.DEFAULT_MAX_FILE_BYTES);

    @Option(names = "--pool-size", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            converter = OptionConverters.PoolSize.class,
            description = "Warm sandboxes kept ready for the run tool (0..64; 0: none, every run starts cold). "
                    + "Default: pool.size in the config file, else 0; the rest of [pool] applies as it is.")
    Integer poolSize;

    @Spec
    CommandSpec spec;

    private final RunEgress egress;
    private final SelectRuntimeUseCase selection;
    private final RunConfiguration config;
    private final CliContext context;
    private final AssistantServer server;

    McpCommand(RunEgress egress, SelectRuntimeUseCase selection, RunConfiguration config, CliContext context,
            AssistantServer server) {
        this.egress = egress;
        this.selection = selection;
        this.config = config;
        this.context = context;
        this.server = server;
    }

    @Override
    public Integer call() throws InterruptedException {
        Path cwd = context.workingDirectory();
        SettingsLayer flags = lifetime.addTo(options.flags(cwd)).with(SettingKey.POOL_SIZE, poolSize,
                RunOptions.given(spec, "--pool-size"), SettingSource.flag("--pool-size"));
        Precedence effective = new Precedence(flags, SettingsLayer.empty(), config.settings(), cwd)
                .check(SettingKey.RUN).check(List.of(SettingKey.TTL, SettingKey.MAX_LIFETIME))
                .check(SettingKey.POOL_KEYS);
        EgressSettings network = EgressSettings.of(effective);
        RunRequest run = SandboxRequests.run(effective, cwd, PLACEHOLDER, network);
        boolean allowFullAccess = SandboxRequests.allowFullAccess(effective);
        if (!run.policy().isSandboxed() && !allowFullAccess) {
            throw new PolicyRefusedException(RunCommand.policySource(effective, run.policy().cliName())
                    + " runs the assistant's commands on the host without any sandbox; add --allow-full-access to "
                    + "permit it");
        }
        AssistantTerms terms = new AssistantTerms(run, SandboxRequests.attachedSession(effective, cwd, network),
                maxFileSize.bytes());
        SandboxSettings settings = SandboxSettings.builder().allowFullAccess(allowFullAccess)
                .allowUnisolatedEgress(unisolatedEgress.allowed).pool(PoolKeys.of(effective)).build();
        RuntimeChoice choice = selection.select(Optional.ofNullable(options.runtime));
        Sandbox sandbox = egress.open(choice.runtime(), settings, network.upstreamCa());
        try {
            sandbox.check(terms.run()); // terms no run could take are refused now, not at every call
        } catch (RuntimeException | InterruptedException e) {
            sandbox.close();
            throw e;
        }
        ServingShutdown.serve(server, sandbox, terms, context);
        return ExitCodes.OK;
    }
}
