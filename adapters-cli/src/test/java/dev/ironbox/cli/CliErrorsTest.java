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

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--allow-domain | *.                | invalid --allow-domain: allowlist entry '*.': '*.' needs a domain after it",
        "--allow-domain | *                 | invalid --allow-domain: allowlist entry '*': '*' alone would allow every host",
        "--allow-domain | http://x          | invalid --allow-domain: allowlist entry 'http://x': a URL scheme is not allowed",
        "--allow-domain | x.com/path        | invalid --allow-domain: allowlist entry 'x.com/path': a path is not allowed",
        "--allow-domain | example.com:70000 | invalid --allow-domain: allowlist entry 'example.com:70000': port 70000 is out of range (1-65535)",
        "--allow-domain | example.com:0     | invalid --allow-domain: allowlist entry 'example.com:0': port 0 is out of range",
        "--allow-domain | example.com:      | invalid --allow-domain: allowlist entry 'example.com:': missing port after ':'",
        "--allow-domain | a.*.example.com   | invalid --allow-domain: allowlist entry 'a.*.example.com': a wildcard is only allowed",
        "--allow-domain | 10.0.0.1/33       | invalid --allow-domain: allowlist entry '10.0.0.1/33': prefix /33 is out of range",
        "--allow-domain | ''                | invalid --allow-domain: allowlist entry '': an entry must not be empty",
        "--credential   | api.example.com   | invalid --credential: credential 'api.example.com': expected HOST=ENV_VAR",
        "--credential   | =KEY              | invalid --credential: credential '=KEY': no host before '='",
        "--credential   | *.example.com=KEY | invalid --credential: credential '*.example.com=KEY': the host must be one exact name, not a wildcard",
        "--credential   | x.com:443=KEY     | invalid --credential: credential 'x.com:443=KEY': the host takes no port",
        "--credential   | x.com=1KEY        | invalid --credential: credential 'x.com=1KEY': secret name '1KEY' is not an environment variable name",
        "--credential   | x.com=KEY,header  | invalid --credential: credential 'x.com=KEY,header': 'header' needs a name: header=NAME",
        "--credential   | x.com=KEY,cookie  | invalid --credential: credential 'x.com=KEY,cookie': unknown option 'cookie'",
        "--credential   | x.com=KEY,header=Host | invalid --credential: credential 'x.com=KEY,header=Host': header 'Host' frames or routes the request",
        "--credential   | x.com=KEY,bearer,query=k | invalid --credential: credential 'x.com=KEY,bearer,query=k': more than one injection kind",
        "--upstream-ca  | missing.pem       | invalid --upstream-ca 'missing.pem': no such file",
        "--upstream-ca  | .                 | invalid --upstream-ca '.': not a regular file",
    })
    void badNetworkValuesAreOneLineNamingOptionAndEntry(String option, String value, String expected) {
        assertFailsWith(expected, "run", option, value, "--", "true");
        assertThat(factory.openedRuntime).isNull();
    }

    @Test
    void aCredentialForAHostThatIsNotAllowedIsRefused() {
        assertFailsWith("credential for example.com: example.com is not on the allowlist",
                "run", "--allow-domain", "other.example", "--credential", "example.com=KEY", "--", "true");
        assertFailsWith("credential for api.openai.com: api.openai.com is not on the allowlist",
                "run", "--no-default-domains", "--credential", "api.openai.com=KEY", "--", "true");
        assertFailsWith("credential for sub.example.com: sub.example.com is not on the allowlist",
                "run", "--no-default-domains", "--allow-domain", "example.com", "--credential",
                "sub.example.com=KEY", "--", "true");
        assertThat(factory.openedRuntime).isNull();
    }

    @Test
    void twoCredentialsForOneHostAreRefused() {
        assertFailsWith("credential for x.example: A is mapped twice", "run", "--allow-domain", "x.example",
                "--credential", "x.example=A", "--credential", "x.example=A,header=x-key", "--", "true");
        assertFailsWith("credential for x.example: x.example already has a credential (A); one per host", "run",
                "--allow-domain", "x.example", "--credential", "x.example=A", "--credential", "x.example=B", "--",
                "true");
    }

    @Test
    void anUpstreamCaThatIsNotAFileIsRefused() throws Exception {
        // (unreadable files cannot be tested here: CI runs as root, which reads anything)
        java.nio.file.Files.createDirectory(cwd.resolve("ca.d"));
        assertFailsWith("invalid --upstream-ca 'ca.d': not a regular file", "run", "--upstream-ca", "ca.d", "--",
                "true");
    }

    @Test
    void anUpstreamCaWithoutAnEgressProxyIsRefused() throws Exception {
        Path ca = java.nio.file.Files.writeString(cwd.resolve("ca.pem"), "pem");
        Console console = new Console(factory, cwd, Map.of());
        console.withoutEgress = true;

        assertThat(console.execute("run", "--upstream-ca", "ca.pem", "--", "true")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).isEqualTo("ironbox: --upstream-ca " + ca + ": this Ironbox has no egress proxy to"
                + " give it to" + System.lineSeparator());
        assertThat(factory.openedRuntime).isNull();
    }

    @Test
    void aBrokenConfiguredNetworkIsOneLineAndOpensNoEngine() {
        Console console = new Console(factory, cwd, Map.of());
        console.configured = () -> {
            throw new InvalidConfigurationException("key 'network.allow-domains' in /x/ironbox.toml: allowlist"
                    + " entry 'http://x': a URL scheme is not allowed");
        };

        assertThat(console.execute("run", "--", "true")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).startsWith("ironbox: key 'network.allow-domains' in /x/ironbox.toml").hasLineCount(1);
        assertThat(factory.openedRuntime).isNull();
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
