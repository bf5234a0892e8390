package dev.ironbox.cli;

import dev.ironbox.core.settings.RunEgress;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.EgressSettings;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.Precedence;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ironbox run}: one command in a fresh, hardened, throwaway container. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs CMD in a fresh, hardened container (no capabilities, read-only root, never as root: as your own "
                    + "uid, or as 65533 when you are root) with the workspace mounted at /workspace, streams its "
                    + "output live, and removes the container afterwards, also on timeout and Ctrl-C.",
            "CMD has no network unless hosts are allowed (--allow-domain, or the config file's [network] table); "
                    + "then it reaches only them, through Ironbox's egress proxy, which adds the mapped "
                    + "credentials on the way out.",
            "",
            "Examples:",
            "  ironbox run -- sh -c 'id -u; ls /workspace'",
            "  ironbox run --policy workspace_write --timeout 30s --memory 512m -- make test",
            "  ironbox run --json -- sh -c 'echo out; echo err >&2; exit 3'",
            "  ironbox run --allow-domain api.example.com \\",
            "      --credential api.example.com=API_KEY -- curl -s https://api.example.com/"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0-123:CMD's own exit code, passed through",
            "124:CMD passed its --timeout and was killed",
            "125:Ironbox failed: bad option, refused policy, or engine failure",
            "126:CMD exists but is not executable",
            "127:CMD was not found",
            "128+N:CMD was killed by signal N (137: SIGKILL, e.g. out of memory)"
        })
final class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--json",
            description = "Print no live output; print one JSON object with the exit code, output and limits hit.")
    boolean json;

    @Mixin
    UnisolatedEgress unisolatedEgress = new UnisolatedEgress();

    @Parameters(paramLabel = "CMD", arity = "0..*", showDefaultValue = Visibility.NEVER,
            parameterConsumer = CommandWords.class,
            description = "The command and its arguments, run directly (no shell); put them after --.")
    List<String> command = new ArrayList<>();

    private final RunEgress egress;
    private final SelectRuntimeUseCase selection;
    private final RunConfiguration config;
    private final CliContext context;

    RunCommand(RunEgress egress, SelectRuntimeUseCase selection, RunConfiguration config, CliContext context) {
        this.egress = egress;
        this.selection = selection;
        this.config = config;
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Precedence effective = new Precedence(options.flags(context.workingDirectory()), SettingsLayer.empty(),
                config.settings(), context.workingDirectory()).check(SettingKey.RUN);
        EgressSettings networkSettings = EgressSettings.of(effective);
        RunRequest request = SandboxRequests.run(effective, context.workingDirectory(), command, networkSettings);
        boolean allowFullAccess = SandboxRequests.allowFullAccess(effective);
        if (!request.policy().isSandboxed() && !allowFullAccess) {
            throw new PolicyRefusedException(policySource(effective, request.policy().cliName()) + " runs CMD on the host "
                    + "without any sandbox; add --allow-full-access to permit it");
        }
        SandboxSettings settings = SandboxSettings.builder().allowFullAccess(allowFullAccess)
                .allowUnisolatedEgress(unisolatedEgress.allowed).build();
        RunResult result;
        RuntimeChoice choice = selection.select(Optional.ofNullable(options.runtime));
        try (Sandbox sandbox = egress.open(choice.runtime(), settings, networkSettings.upstreamCa())) {
            Thread cleanup = new Thread(sandbox::close, "ironbox-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                result = sandbox.run(request, json ? chunk -> {} : LiveTerminal.of(context));
            } finally {
                LiveTerminal.removeHook(cleanup);
            }
        }
        if (json) {
            context.out().println(CliJson.write(JsonResult.of(result)));
            context.out().flush();
        }
        return ExitCodes.of(result);
    }

    /** {@code --policy full_access}, or {@code policy full_access (from file X)}: where the refused policy came from. */
    static String policySource(Precedence settings, String policy) {
        SettingSource source = settings.setting(SettingKey.POLICY).orElseThrow().source();
        return source.isFlag("--policy") ? "--policy " + policy : "policy " + policy + " (from " + source + ")";
    }
}
