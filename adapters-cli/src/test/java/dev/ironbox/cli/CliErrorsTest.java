package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliErrorsTest {

    @TempDir
    Path cwd;

    private final FakeSandboxFactory factory = new FakeSandboxFactory();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--memory     | -5       | invalid --memory '-5'",
        "--memory     | 1k       | memory must be at least 6m",
        "--timeout    | abc      | invalid --timeout 'abc'",
        "--timeout    | 0s       | invalid --timeout '0s': must be greater than zero",
        "--cpus       | 0        | invalid --cpus '0'",
        "--cpus       | -1       | invalid --cpus '-1'",
        "--pids       | x        | invalid --pids 'x'",
        "--pids       | 0        | invalid --pids '0'",
        "--max-output | lots     | invalid --max-output 'lots'",
        "--env        | NOVALUE  | invalid --env 'NOVALUE'",
        "--env        | =v       | invalid --env '=v'",
        "--workspace  | /no/such | invalid --workspace '/no/such': no such directory",
    })
    void badValuesAreOneLineNamingOptionAndValue(String option, String value, String expected) {
        assertFailsWith(expected, "run", option, value, "--", "true");
    }

    @Test
    void unknownPolicyListsTheValidOnes() {
        assertFailsWith("unknown policy 'bogus'", "run", "--policy", "bogus", "--", "true");
        assertThat(lastErr).contains("readonly", "workspace_write", "full_access");
    }

    @Test
    void anEmptyCommandIsRefused() {
        assertFailsWith("no command given", "run");
        assertFailsWith("empty command", "run", "--", "");
    }

    @Test
    void aWorkspaceThatIsAFileIsRefused() throws Exception {
        java.nio.file.Files.writeString(cwd.resolve("file"), "x");
        assertFailsWith("invalid --workspace 'file': not a directory", "run", "--workspace", "file", "--", "true");
    }

    @Test
    void unknownRuntimeIsRefused() {
        assertFailsWith("unknown runtime 'lxc'", "run", "--runtime", "lxc", "--", "true");
    }

    @Test
    void aBrokenConfigurationIsOneLineAndOpensNoEngine() {
        Console broken = new Console(factory, cwd, Map.of(), requested -> {
            throw new InvalidConfigurationException("unknown key 'runtim' in /x/ironbox.toml; known keys: runtime");
        }, () -> null);

        assertThat(broken.execute("run", "--", "true")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(broken.err()).isEqualTo(
                "ironbox: unknown key 'runtim' in /x/ironbox.toml; known keys: runtime" + System.lineSeparator());
        assertThat(factory.openedRuntime).isNull();
    }

    @Test
    void usageErrorsAreOneLineWithAHelpHint() {
        assertFailsWith("Unknown option: '--bogus' (see 'ironbox run --help')", "run", "--bogus", "--", "true");
        assertFailsWith("Missing required parameter for option '--memory'", "run", "--memory");
        assertFailsWith("(see 'ironbox --help')", "frobnicate");
        assertFailsWith("missing a command", new String[0]);
    }

    @Test
    void engineFailuresAreOneLine() {
        factory.openFailure = new EngineUnavailableException("no engine:\n  /var/run/docker.sock: refused\n  tcp: unset");
        assertFailsWith("no engine:; /var/run/docker.sock: refused; tcp: unset", "run", "--", "true");
    }

    @Test
    void fullAccessWithoutPermissionIsRefusedBeforeAnyEngineIsOpened() {
        assertFailsWith("--policy full_access runs CMD on the host without any sandbox; add --allow-full-access",
                "run", "--policy", "full", "--", "true");
        assertThat(factory.openedRuntime).isNull();
    }

    @Test
    void policyRefusalsFromTheSandboxAreOneLine() {
        factory.answer = request -> {
            throw new PolicyRefusedException("policy full_access is refused");
        };
        assertFailsWith("policy full_access is refused", "run", "--allow-full-access", "--policy", "full_access",
                "--", "true");
        assertThat(factory.closed).isTrue();
    }

    @Test
    void unexpectedFailuresAreOneLineToo() {
        factory.answer = request -> {
            throw new IllegalStateException("boom");
        };
        assertFailsWith("unexpected error: java.lang.IllegalStateException: boom", "run", "--", "true");
    }

    private String lastErr;

    private void assertFailsWith(String expected, String... args) {
        Console console = new Console(factory, cwd, Map.of());
        int code = console.execute(args);
        lastErr = console.err();
        assertThat(code).as("exit code of %s", String.join(" ", args)).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(lastErr).startsWith("ironbox: ").contains(expected).endsWith("\n");
        assertThat(lastErr.lines()).as("stderr of %s", String.join(" ", args)).hasSize(1);
        assertThat(console.out()).isEmpty();
    }
}
