package dev.ironbox.cli;

import dev.ironbox.core.settings.RunConfiguration;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.settings.Precedence;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ironbox session exec ID -- CMD}: one command in a session, with the result contract of {@code run}. */
@Command(name = "exec",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs CMD in session ID, in /workspace, streams its output live and exits with its exit code, as "
                    + "'ironbox run' does. At --timeout CMD and every process it started are killed (exit code 124), "
                    + "also those that forked away to PID 1; the session lives on (it is stopped when the kill "
                    + "cannot be confirmed). A session past its max lifetime is stopped and refused. Files it writes "
                    + "outside /workspace (e.g. in /tmp) stay for the next command.",
            "",
            "Examples:",
            "  ironbox session exec 3f2a9c0d1e2b -- sh -c 'echo hi > /tmp/f'",
            "  ironbox session exec 3f2a9c0d1e2b --timeout 10s -- cat /tmp/f",
            "  ironbox session exec 3f2a9c0d1e2b --json --env CI=true -- make test"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0-123:CMD's own exit code, passed through",
            "124:CMD passed its --timeout and was killed (the session lives on)",
            "125:Ironbox failed: unknown session, stopped session, bad option, or engine failure",
            "126:CMD exists but is not executable",
            "127:CMD was not found",
            "128+N:CMD was killed by signal N (137: SIGKILL, e.g. out of memory)"
        })
final class SessionExecCommand implements Callable<Integer> {

    @Option(names = "--runtime", paramLabel = "ID", description = "Look for the session on this runtime only "
            + "first (${bundle:" + KnownRuntimes.KEY + "}); the other runtimes are asked after it.")
    String runtime;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = OptionConverters.Timeout.class, description = "Wall-clock limit of CMD, e.g. 30s, 2m. "
            + "Default: ${bundle:" + KnownRuntimes.DEFAULT_KEY + "--timeout}.")
    Duration timeout;

    @Option(names = "--max-output", paramLabel = "SIZE", converter = OptionConverters.MaxOutput.class, description = "Bytes of stdout plus stderr kept in the "
            + "result (--json). Default: ${bundle:" + KnownRuntimes.DEFAULT_KEY + "--max-output}.")
    ByteSize maxOutput;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Environment variable for CMD, added to the "
            + "session's; repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--json", description = "Print no live output; print one JSON object, as 'ironbox run --json'.")
    boolean json;

    @Parameters(index = "0", paramLabel = "ID", description = "The session id ('ironbox session ls').")
    String sessionId;

    @Parameters(index = "1..*", paramLabel = "CMD", arity = "0..*", showDefaultValue = Visibility.NEVER,
            parameterConsumer = CommandWords.class,
            description = "The command and its arguments, run directly (no shell); put them after --.")
    List<String> command = new ArrayList<>();

    private final SessionFinder finder;
    private final RunConfiguration config;
    private final CliContext context;

    SessionExecCommand(SessionFinder finder, RunConfiguration config, CliContext context) {
        this.finder = finder;
        this.config = config;
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        SessionExecRequest request = request();
        RunResult result;
        try (Sandbox sandbox = finder.find(sessionId, Optional.ofNullable(runtime)).sandbox()) {
            // Ctrl-C: interrupting the exec makes core kill CMD's processes; closing the sandbox would not, as
            // the session belongs to no process
            Thread caller = Thread.currentThread();
            Thread cleanup = new Thread(() -> interruptAndWait(caller), "ironbox-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                result = sandbox.execInSession(request, json ? chunk -> {} : LiveTerminal.of(context));
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

    private static void interruptAndWait(Thread caller) {
        caller.interrupt();
        try {
            caller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Throws {@link InvalidConfigurationException} naming a bad option. */
    SessionExecRequest request() {
        if (command.isEmpty()) {
            throw new InvalidConfigurationException("no command given: put it after '--', e.g. ironbox session exec "
                    + sessionId + " -- echo hi");
        }
        SettingsLayer flags = SettingsLayer.empty()
                .with(SettingKey.TIMEOUT, timeout, RunOptions.given(spec, "--timeout"), SettingSource.flag("--timeout"))
                .with(SettingKey.MAX_OUTPUT, maxOutput, RunOptions.given(spec, "--max-output"),
                        SettingSource.flag("--max-output"));
        Precedence settings = new Precedence(flags, SettingsLayer.empty(), config.settings(),
                context.workingDirectory());
        ResourceLimits limits = ResourceLimits.builder()
                .timeout(settings.value(SettingKey.TIMEOUT))
                .maxOutputBytes(settings.value(SettingKey.MAX_OUTPUT).bytes())
                .build();
        return SessionExecRequest.builder()
                .sessionId(sessionId)
                .command(command)
                .env(OptionValues.env(env))
                .limits(limits)
                .build();
    }
}
