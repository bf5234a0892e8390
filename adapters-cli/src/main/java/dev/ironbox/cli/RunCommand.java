package dev.ironbox.cli;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.Durations;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ironbox run}: one command in a fresh, hardened, throwaway container. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        showDefaultValues = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs CMD in a fresh, hardened container (no capabilities, read-only root, uid 1000) with the "
                    + "workspace mounted at /workspace, streams its output live, and removes the container "
                    + "afterwards, also on timeout and Ctrl-C.",
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

    @Option(names = "--runtime", paramLabel = "ID", showDefaultValue = Visibility.NEVER,
            description = "Container runtime: ${bundle:" + KnownRuntimes.KEY + "}. auto takes the first that works. "
                    + "Default: $IRONBOX_RUNTIME, else runtime in the config file (ironbox.toml), else auto.")
    String runtime;

    @Option(names = "--policy", paramLabel = "POLICY",
            description = "readonly (workspace read-only), workspace_write (workspace writable) or full_access "
                    + "(no sandbox: runs on the host; needs --allow-full-access).")
    String policy;

    @Option(names = "--allow-full-access",
            description = "Permit --policy full_access, which runs CMD on the host without any sandbox.")
    boolean allowFullAccess;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Host directory mounted at /workspace (the working directory of CMD).")
    String workspace;

    @Option(names = "--image", paramLabel = "IMG",
            description = "Container image; the default one is built locally from the host's busybox when absent.")
    String image;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Wall-clock limit, e.g. 30s, 500ms, 2m, 1h; CMD is killed at it (exit code 124).")
    String timeout;

    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory limit (no extra swap), e.g. 512m, 2g.")
    String memory;

    @Option(names = "--cpus", paramLabel = "N", description = "CPU limit in cores; fractions allowed, e.g. 0.5.")
    String cpus;

    @Option(names = "--pids", paramLabel = "N", description = "Maximum number of processes and threads.")
    String pids;

    @Option(names = "--max-output", paramLabel = "SIZE",
            description = "Bytes of stdout plus stderr kept in the result (--json); the rest is counted as dropped.")
    String maxOutput;

    @Option(names = "--env", paramLabel = "NAME=VALUE", showDefaultValue = Visibility.NEVER,
            description = "Environment variable for CMD; repeatable. The host environment is not passed on.")
    List<String> env = new ArrayList<>();

    @Mixin
    EgressFlags network = new EgressFlags();

    @Option(names = "--json",
            description = "Print no live output; print one JSON object with the exit code, output and limits hit.")
    boolean json;

    @Parameters(paramLabel = "CMD", arity = "0..*", showDefaultValue = Visibility.NEVER,
            description = "The command and its arguments, run directly (no shell); put them after --.")
    List<String> command = new ArrayList<>();

    private final RunEgress egress;
    private final SelectRuntimeUseCase selection;
    private final CliContext context;

    RunCommand(RunEgress egress, SelectRuntimeUseCase selection, CliContext context) {
        this.egress = egress;
        this.selection = selection;
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        EgressSettings networkSettings = networkSettings();
        RunRequest request = request(networkSettings);
        if (!request.policy().isSandboxed() && !allowFullAccess) {
            throw new PolicyRefusedException("--policy " + request.policy().cliName() + " runs CMD on the host "
                    + "without any sandbox; add --allow-full-access to permit it");
        }
        SandboxSettings settings = SandboxSettings.builder().allowFullAccess(allowFullAccess).build();
        RunResult result;
        RuntimeChoice choice = selection.select(Optional.ofNullable(runtime));
        try (Sandbox sandbox = egress.open(choice.runtime(), settings, networkSettings.upstreamCa())) {
            Thread cleanup = new Thread(sandbox::close, "ironbox-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                result = sandbox.run(request, json ? chunk -> {} : live(context.out(), context.err()));
            } finally {
                removeHook(cleanup);
            }
        }
        if (json) {
            context.out().println(new JsonResult().write(result));
            context.out().flush();
        }
        return ExitCodes.of(result);
    }

    /** The configuration's egress settings plus the flags'; throws {@link InvalidConfigurationException}. */
    EgressSettings networkSettings() {
        EgressSettings flags = network.settings(context.workingDirectory());
        return egress.configured().plus(flags);
    }

    /** The request these options describe; throws {@link InvalidConfigurationException} naming a bad option. */
    RunRequest request(EgressSettings networkSettings) {
        if (command.isEmpty()) {
            throw new InvalidConfigurationException("no command given: put it after '--', e.g. ironbox run -- echo hi");
        }
        ResourceLimits limits = ResourceLimits.builder()
                .timeout(Durations.parsePositive("--timeout", timeout))
                .memoryBytes(ByteSize.parse("--memory", memory).bytes())
                .cpus(OptionValues.cpus(cpus))
                .pidsLimit(OptionValues.pids(pids))
                .maxOutputBytes(ByteSize.parse("--max-output", maxOutput).bytes())
                .build();
        return RunRequest.builder()
                .command(command)
                .workspace(OptionValues.workspace(workspace, context.workingDirectory()))
                .policy(OptionValues.policy(policy))
                .limits(limits)
                .env(OptionValues.env(env))
                .image(image)
                .egress(networkSettings.policy())
                .build();
    }

    /** Writes each chunk to the terminal as it arrives. */
    private static Consumer<OutputChunk> live(PrintStream out, PrintStream err) {
        return chunk -> {
            PrintStream target = chunk.stream() == StreamType.STDOUT ? out : err;
            byte[] bytes = chunk.bytes();
            synchronized (target) {
                target.write(bytes, 0, bytes.length);
                target.flush();
            }
        };
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (Ctrl-C): the hook is closing the sandbox
        }
    }
}
