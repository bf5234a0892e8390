package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.egress.AllowRule;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.settings.AssistantTerms;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.settings.ConfigTrust;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.RunEgress;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ironbox mcp} over a fake sandbox factory and a fake server that records what it was given: the flags and
 * the config file become the terms, the sandbox opens as for {@code run} (with the pool), and standard output is the
 * server's alone.
 */
class McpCommandTest {

    @TempDir
    Path cwd;

    private final FakeSandboxFactory factory = new FakeSandboxFactory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private CliContext context;
    private RunConfiguration config = RunConfiguration.none();
    private final RecordingServer server = new RecordingServer();

    /** Records what it served with, and what {@code System.out} was meanwhile. */
    final class RecordingServer implements AssistantServer {
        int served;
        Sandbox sandbox;
        AssistantTerms terms;
        InputStream in;
        OutputStream out;
        PrintStream systemOut;
        boolean closedWhileServing;
        RuntimeException failure;

        @Override
        public void serve(Sandbox sandbox, AssistantTerms terms, InputStream in, OutputStream out) {
            served++;
            this.sandbox = sandbox;
            this.terms = terms;
            this.in = in;
            this.out = out;
            this.systemOut = System.out;
            this.closedWhileServing = factory.closed;
            if (failure != null) {
                throw failure;
            }
        }
    }

    private int execute(String... args) {
        return execute(server, args);
    }

    private int execute(AssistantServer assistants, String... args) {
        context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), cwd);
        RunEgress egress = (runtimeId, settings, upstreamCa) -> factory.open(runtimeId, settings);
        return IronboxCli.commandLine(factory, requested -> requested
                .map(id -> new RuntimeChoice(id, RuntimeChoice.REQUESTED))
                .orElse(new RuntimeChoice("fake", "IRONBOX_RUNTIME")), () -> {
                    throw new UnsupportedOperationException("no doctor here");
                }, egress, config, ConfigTrust.unsupported(config), assistants, context).execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFlagsBecomeTheTermsAndTheSandboxOpensWithThePool() throws Exception {
        Path workspace = Files.createDirectory(cwd.resolve("project"));

        int code = execute("mcp", "--runtime", "docker", "--policy", "workspace_write", "--workspace", "project",
                "--image", "alpine:3", "--timeout", "30s", "--memory", "512m", "--cpus", "1.5", "--pids", "100",
                "--max-output", "1k", "--env", "A=1", "--no-default-domains", "--allow-domain", "pypi.org",
                "--max-file-size", "1m", "--pool-size", "3", "--allow-unisolated-egress");

        assertThat(code).as(err()).isEqualTo(ExitCodes.OK);
        assertThat(server.served).isEqualTo(1);
        ResourceLimits limits = ResourceLimits.builder().timeout(Duration.ofSeconds(30)).memoryBytes(512L << 20)
                .cpus(1.5).pidsLimit(100).maxOutputBytes(1024).build();
        RunRequest run = server.terms.run();
        assertThat(run.workspace()).isEqualTo(workspace);
        assertThat(run.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(run.image()).isEqualTo("alpine:3");
        assertThat(run.limits()).isEqualTo(limits);
        assertThat(run.env()).containsExactly(Map.entry("A", "1"));
        assertThat(run.egress().allowlist()).extracting(AllowRule::pattern).containsExactly("pypi.org");
        SessionRequest session = server.terms.session();
        assertThat(session.detached()).as("the client's sessions end with the server").isFalse();
        assertThat(session.workspace()).isEqualTo(workspace);
        assertThat(session.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(session.image()).isEqualTo("alpine:3");
        assertThat(session.limits()).isEqualTo(limits);
        assertThat(session.env()).containsExactly(Map.entry("A", "1"));
        assertThat(session.egress()).isEqualTo(run.egress());
        assertThat(server.terms.maxFileBytes()).isEqualTo(1L << 20);
        assertThat(factory.openedRuntime).isEqualTo("docker");
        assertThat(factory.openedSettings.pool().size()).isEqualTo(3);
        assertThat(factory.openedSettings.allowUnisolatedEgress()).isTrue();
        assertThat(factory.openedSettings.allowFullAccess()).isFalse();
        assertThat(out.size()).isZero();
        assertThat(err()).isEmpty();
    }

    @Test
    void withoutFlagsTheTermsAreTheDefaultsOfRunAndSessionStart() {
        assertThat(execute("mcp")).as(err()).isEqualTo(ExitCodes.OK);

        assertThat(factory.openedRuntime).as("what configuration picked").isEqualTo("fake");
        assertThat(server.terms.run().policy()).isEqualTo(SandboxPolicy.READ_ONLY);
        assertThat(server.terms.run().workspace()).isEqualTo(cwd.toAbsolutePath());
        assertThat(server.terms.run().image()).isEqualTo(SandboxSettings.DEFAULT_IMAGE);
        assertThat(server.terms.run().limits()).isEqualTo(ResourceLimits.builder().build());
        assertThat(server.terms.run().egress().allowsAnything()).isFalse();
        assertThat(server.terms.session().idleTtl()).isEqualTo(SessionRequest.DEFAULT_IDLE_TTL);
        assertThat(server.terms.session().maxLifetime()).isEqualTo(SessionRequest.DEFAULT_MAX_LIFETIME);
        assertThat(server.terms.maxFileBytes()).isEqualTo(AssistantTerms.DEFAULT_MAX_FILE_BYTES);
        assertThat(factory.openedSettings.pool()).isEqualTo(PoolSettings.off());
        assertThat(factory.openedSettings.allowUnisolatedEgress()).isFalse();
    }

    @Test
    void theConfigFilesRunSessionAndPoolValuesApplyAndAFlagWins() {
        Path file = cwd.resolve("ironbox.toml");
        config = new FileConfiguration(file, Map.of("--policy", "workspace_write", "--timeout", "2m", "--ttl", "10m",
                "--max-lifetime", "3h", "pool.size", "2", "pool.max-idle-age", "1m"), List.of("FROM_FILE=1"));

        assertThat(execute("mcp", "--env", "B=2")).as(err()).isEqualTo(ExitCodes.OK);

        assertThat(server.terms.run().policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(server.terms.run().limits().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(server.terms.run().env()).containsExactly(Map.entry("FROM_FILE", "1"), Map.entry("B", "2"));
        assertThat(server.terms.session().idleTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(server.terms.session().maxLifetime()).isEqualTo(Duration.ofHours(3));
        assertThat(factory.openedSettings.pool()).isEqualTo(PoolSettings.of(2, Duration.ofMinutes(1)));

        assertThat(execute("mcp", "--pool-size", "0", "--timeout", "5s")).as(err()).isEqualTo(ExitCodes.OK);
        assertThat(server.terms.run().limits().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(factory.openedSettings.pool().size()).as("the flag over the file's [pool] size").isZero();
        assertThat(factory.openedSettings.pool().maxIdleAge()).as("the rest of [pool] as it is")
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void fullAccessIsRefusedWithoutAllowFullAccessAsRunRefusesIt() {
        assertThat(execute("mcp", "--policy", "full_access")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(err()).isEqualTo("ironbox: --policy full_access runs the assistant's commands on the host "
                + "without any sandbox; add --allow-full-access to permit it" + System.lineSeparator());
        assertThat(server.served).isZero();
        assertThat(factory.openedRuntime).as("refused before any engine is opened").isNull();
        assertThat(out.size()).isZero();

        err.reset();
        assertThat(execute("mcp", "--policy", "full_access", "--allow-full-access")).as(err()).isZero();
        assertThat(server.terms.run().policy()).isEqualTo(SandboxPolicy.FULL_ACCESS);
        assertThat(server.terms.session().policy()).as("a session is always sandboxed")
                .isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(factory.openedSettings.allowFullAccess()).isTrue();
    }

    @Test
    void aFullAccessPolicyFromTheConfigFileNamesTheFile() {
        Path file = cwd.resolve("ironbox.toml");
        config = new FileConfiguration(file, Map.of("--policy", "full_access"), List.of());

        assertThat(execute("mcp")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(err()).startsWith("ironbox: policy full_access (from file " + file + ") runs the assistant's "
                + "commands on the host");
        assertThat(server.served).isZero();
    }

    @Test
    void aBadFlagIsOneLineAndExit125WithNothingOnStdout() {
        Map<List<String>, String> refusals = Map.of(
                List.of("--pool-size", "65"), "ironbox: invalid --pool-size '65': pool size must be between 0 and 64",
                List.of("--pool-size", "-1"), "ironbox: invalid --pool-size '-1': expected a whole number",
                List.of("--pool-size", "two"), "ironbox: invalid --pool-size 'two': expected a whole number",
                List.of("--max-file-size", "lots"), "ironbox: invalid --max-file-size 'lots'",
                List.of("--timeout", "soon"), "ironbox: invalid --timeout 'soon'",
                List.of("--workspace", "missing"), "ironbox: invalid --workspace 'missing': no such directory",
                List.of("--allow-domain", "a b"), "ironbox: invalid --allow-domain",
                List.of("--bogus"), "ironbox: Unknown option: '--bogus'");
        refusals.forEach((flags, line) -> {
            out.reset();
            err.reset();
            List<String> args = new java.util.ArrayList<>(List.of("mcp"));
            args.addAll(flags);

            assertThat(execute(args.toArray(String[]::new))).as(flags + ": " + err())
                    .isEqualTo(ExitCodes.IRONBOX_FAILURE);
            assertThat(err()).as(flags.toString()).startsWith(line);
            assertThat(err().lines().count()).as(flags + ": one line").isEqualTo(1);
            assertThat(out.size()).as(flags + ": nothing on stdout").isZero();
        });
        assertThat(server.served).isZero();
        assertThat(factory.openedRuntime).isNull();
    }

    @Test
    void theServerWritesToTheRealStdoutWhileSystemOutIsStderrAndExitsZeroWhenItReturns() {
        PrintStream before = System.out;

        assertThat(execute("mcp")).as(err()).isEqualTo(ExitCodes.OK);

        assertThat(server.out).as("the protocol's stream: the real stdout").isSameAs(context.out());
        assertThat(server.in).isSameAs(System.in);
        assertThat(server.systemOut).as("a stray print goes to stderr").isSameAs(context.err())
                .isNotSameAs(context.out());
        assertThat(System.out).as("restored afterwards").isSameAs(before);
        assertThat(server.closedWhileServing).isFalse();
        assertThat(factory.closed).as("the sandbox is closed after serving").isTrue();
        assertThat(server.sandbox).isNotNull();
    }

    @Test
    void aServerThatFailsIsOneLineAndTheSandboxIsClosed() {
        PrintStream before = System.out;
        server.failure = new EngineUnavailableException("docker stopped answering");

        assertThat(execute("mcp")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(err()).isEqualTo("ironbox: docker stopped answering" + System.lineSeparator());
        assertThat(out.size()).isZero();
        assertThat(factory.closed).isTrue();
        assertThat(System.out).isSameAs(before);
    }

    @Test
    void aBuildWithoutAServerRefusesMcpInOneLine() {
        assertThat(execute(AssistantServer.unavailable(), "mcp")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(err()).isEqualTo("ironbox: this build of ironbox has no MCP server" + System.lineSeparator());
        assertThat(out.size()).isZero();
        assertThat(factory.closed).isTrue();
    }

    @Test
    void helpSaysWhatTheServerOffersAndThatCallsOnlyNarrow() {
        assertThat(execute("mcp", "--help")).isEqualTo(ExitCodes.OK);

        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertThat(help).contains("Usage: ironbox mcp", "session_start", "write_file", "read_file",
                "A call may only narrow them", "ironbox cleanup", "Examples:", "Default: 16m", "125");
        for (String option : List.of("--runtime", "--policy", "--allow-full-access", "--workspace", "--image",
                "--timeout", "--memory", "--cpus", "--pids", "--max-output", "--env", "--allow-domain",
                "--credential", "--[no-]default-domains", "--upstream-ca", "--allow-unisolated-egress",
                "--max-file-size", "--pool-size")) {
            assertThat(help).contains(option);
        }
        assertThat(server.served).isZero();
        assertThat(Optional.ofNullable(factory.openedRuntime)).isEmpty();
    }

    @Test
    void termsNoRunCouldTakeAreRefusedBeforeServingAndTheSandboxIsClosed() {
        factory.checkFailure = new dev.ironbox.core.error.InvalidConfigurationException(
                "invalid limits: timeout must be at most 24h; got 48h");

        int code = execute("mcp", "--runtime", "docker", "--timeout", "48h");

        assertThat(code).isEqualTo(125);
        assertThat(err()).isEqualTo("ironbox: invalid limits: timeout must be at most 24h; got 48h\n");
        assertThat(out.toByteArray()).isEmpty();
        assertThat(server.served).isZero();
        assertThat(factory.closed).isTrue();
        assertThat(factory.checked).singleElement()
                .satisfies(run -> assertThat(run.limits().timeout()).hasHours(48));
    }

    @Test
    void theSessionsLifetimeFlagsReachTheTerms() {
        int code = execute("mcp", "--runtime", "docker", "--ttl", "5m", "--max-lifetime", "2h");

        assertThat(code).as(err()).isZero();
        assertThat(server.terms.session().idleTtl()).hasMinutes(5);
        assertThat(server.terms.session().maxLifetime()).hasHours(2);
    }

    @Test
    void aFileLimitOutsideItsBoundsIsRefusedNamingTheFlag() {
        for (String size : List.of("0", "257m")) {
            err.reset();
            assertThat(execute("mcp", "--runtime", "docker", "--max-file-size", size)).isEqualTo(125);
            assertThat(err()).isEqualTo("ironbox: invalid --max-file-size '" + size
                    + "': between 1 byte and 256m (a file travels inside one message)\n");
        }
        assertThat(server.served).isZero();
    }
}
