package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.ironbox.core.model.egress.CredentialMapping;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TomlConfigReaderTest {

    @TempDir
    Path dir;

    private static final String KNOWN_KEYS = "runtime, run.policy, run.workspace, run.image, run.timeout, "
            + "run.memory, run.cpus, run.pids, run.max-output, run.env, session.ttl, "
            + "session.max-lifetime, network.allow-domains, network.credentials, network.default-domains, network.upstream-ca, "
            + "pool.size, pool.max-idle-age, pool.max-keys";

    private final TomlConfigReader reader = new TomlConfigReader();

    @Test
    void readsTheRuntime() throws Exception {
        Path file = write("# which engine\nruntime = \"podman\"  # or docker, auto\n");

        IronboxConfig config = read(file);

        assertThat(config.runtime()).contains("podman");
        assertThat(config.file()).contains(file);
    }

    @Test
    void anEmptyFileSetsNothing() throws Exception {
        assertThat(read(write("")).runtime()).isEmpty();
        assertThat(read(write("# nothing yet\n")).runtime()).isEmpty();
    }

    @Test
    void aSyntaxErrorNamesTheFileLineColumnAndWhatWasExpected() throws Exception {
        Path file = write("\n# comment\nruntime = podman\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("invalid config file " + file + ", line 3, column 11: unexpected text; expected a TOML "
                        + "value (a string needs double quotes, e.g. runtime = \"podman\")");
    }

    @Test
    void otherSyntaxErrorsCarryTheParsersWords() throws Exception {
        Path unterminated = write("runtime = \"podman\n");
        assertThatThrownBy(() -> read(unterminated))
                .hasMessageStartingWith("invalid config file " + unterminated + ", line 1, column ");
        Path twice = write("# ironbox\nruntime = \"a\"\nruntime = \"b\"\n\n\n");
        assertThatThrownBy(() -> read(twice))
                .hasMessage("invalid config file " + twice + ", line 3: key 'runtime' is set twice");
    }

    @Test
    void anUnknownKeyIsNamedNotIgnored() throws Exception {
        Path file = write("runtim = \"podman\"\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown key 'runtim' in " + file + "; known keys: " + KNOWN_KEYS);
    }

    @Test
    void keysInTablesAreNamedWithDots() throws Exception {
        Path file = write("[run]\ntimout = \"30s\"\n");

        assertThatThrownBy(() -> read(file))
                .hasMessage("unknown key 'run.timout' in " + file + "; known keys: " + KNOWN_KEYS);
    }

    @Test
    void aWrongTypeNamesTheKeyAndTheTypeExpected() throws Exception {
        Path file = write("runtime = 3\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("key 'runtime' in " + file + " must be a string, not an integer (e.g. runtime = \"podman\")");
        assertThatThrownBy(() -> read(write("runtime = [\"docker\"]\n"))).hasMessageContaining("not an array");
        assertThatThrownBy(() -> read(write("[runtime]\nid = \"docker\"\n"))).hasMessageContaining("not a table");
        assertThatThrownBy(() -> read(write("runtime = true\n"))).hasMessageContaining("not a boolean");
    }

    @Test
    void readsTheNetworkTable() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
        Path file = write("""
                runtime = "docker"

                [network]
                allow-domains = [
                  "api.example.com",
                  "*.example.org:8443",  # a wildcard on one port
                  "10.1.2.0/24",
                ]
                credentials = ["api.example.com=EXAMPLE_KEY,header=x-api-key", "api.example.org=ORG_KEY,optional"]
                default-domains = false
                upstream-ca = "ca.pem"
                """);

        IronboxConfig config = read(file);

        assertThat(config.runtime()).contains("docker");
        assertThat(config.allowDomains()).containsExactly("api.example.com", "*.example.org:8443", "10.1.2.0/24");
        assertThat(config.credentials()).containsExactly(
                CredentialMapping.header("api.example.com", "EXAMPLE_KEY", "x-api-key"),
                CredentialMapping.bearer("api.example.org", "ORG_KEY").asOptional());
        assertThat(config.defaultDomains()).contains(false);
        assertThat(config.upstreamCa()).contains(ca.toAbsolutePath());
    }

    @Test
    void networkKeysMayBeDottedAndTheCaAbsolute() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
        IronboxConfig config = read(write("network.default-domains = true\nnetwork.upstream-ca = \""
                + ca.toAbsolutePath() + "\"\nnetwork.allow-domains = []\n"));

        assertThat(config.defaultDomains()).contains(true);
        assertThat(config.upstreamCa()).contains(ca.toAbsolutePath());
        assertThat(config.allowDomains()).isEmpty();
        assertThat(config.credentials()).isEmpty();
    }

    @Test
    void withoutNetworkKeysNothingIsSet() throws Exception {
        for (IronboxConfig config : List.of(IronboxConfig.none(), read(write("runtime = \"auto\"\n")),
                read(write("[network]\n")))) {
            assertThat(config.allowDomains()).isEmpty();
            assertThat(config.credentials()).isEmpty();
            assertThat(config.defaultDomains()).isEmpty();
            assertThat(config.upstreamCa()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "allow-domains = \"example.com\"         | key 'network.allow-domains' in FILE must be an array of strings, not a string (e.g. [network] allow-domains = [\"example.com\", \"*.example.org:8443\"])",
        "allow-domains = [\"a.com\", 443]         | key 'network.allow-domains' in FILE must be an array of strings, not an array holding an integer",
        "credentials = \"a.com=KEY\"              | key 'network.credentials' in FILE must be an array of strings, not a string",
        "default-domains = \"no\"                 | key 'network.default-domains' in FILE must be a boolean, not a string (e.g. [network] default-domains = false)",
        "default-domains = 0                      | key 'network.default-domains' in FILE must be a boolean, not an integer",
        "upstream-ca = [\"ca.pem\"]               | key 'network.upstream-ca' in FILE must be a string, not an array",
        "allow-domains = [\"http://x\"]           | key 'network.allow-domains' in FILE: allowlist entry 'http://x': a URL scheme is not allowed",
        "allow-domains = [\"*.\"]                 | key 'network.allow-domains' in FILE: allowlist entry '*.': '*.' needs a domain after it",
        "allow-domains = [\"a.com:99999\"]        | key 'network.allow-domains' in FILE: allowlist entry 'a.com:99999': port 99999 is out of range (1-65535)",
        "credentials = [\"a.com\"]                | key 'network.credentials' in FILE: credential 'a.com': expected HOST=ENV_VAR",
        "credentials = [\"*.a.com=KEY\"]          | key 'network.credentials' in FILE: credential '*.a.com=KEY': the host must be one exact name",
        "credentials = [\"a.com=KEY,header\"]     | key 'network.credentials' in FILE: credential 'a.com=KEY,header': 'header' needs a name",
        "upstream-ca = \"missing.pem\"            | key 'network.upstream-ca' in FILE: no such file 'missing.pem' (",
        "upstream-ca = \".\"                      | key 'network.upstream-ca' in FILE: '.' is not a regular file",
        "upstream-ca = \"\"                       | key 'network.upstream-ca' in FILE: no such file ''",
    })
    void badNetworkValuesNameTheKeyAndTheFile(String line, String expected) throws Exception {
        Path file = write("[network]\n" + line + "\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(expected.replace("FILE", file.toString()))
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void aNetworkKeyOutsideItsTableIsNamedWithAHint() throws Exception {
        Path file = write("allow-domains = [\"example.com\"]\n");

        assertThatThrownBy(() -> read(file)).hasMessage("unknown key 'allow-domains' in " + file
                + " (did you mean 'network.allow-domains', in the [network] table?); known keys: " + KNOWN_KEYS);
        Path typo = write("[network]\nallow-domain = [\"example.com\"]\n");
        assertThatThrownBy(() -> read(typo))
                .hasMessage("unknown key 'network.allow-domain' in " + typo + "; known keys: " + KNOWN_KEYS);
    }

    @Test
    void aNetworkKeySetTwiceIsNamed() throws Exception {
        Path file = write("[network]\ndefault-domains = true\nallow-domains = []\ndefault-domains = false\n");
        assertThatThrownBy(() -> read(file))
                .hasMessage("invalid config file " + file + ", line 4: key 'network.default-domains' is set twice");
        Path dotted = write("network.allow-domains = [\"a.com\"]\n[network]\nallow-domains = [\n  \"b.com\",\n]\n");
        assertThatThrownBy(() -> read(dotted)).hasMessage("invalid config file " + dotted + ", line 2,"
                + " column 9: table defined twice (two [table] headers, or a header and dotted keys such as"
                + " network.allow-domains); put its keys under one [table] header");
        Path multiLine = write("[network]\nallow-domains = [\"a.com\",\n  \"b.com\",\n]\nallow-domains = []\n");
        assertThatThrownBy(() -> read(multiLine))
                .hasMessage("invalid config file " + multiLine + ", line 5: key 'network.allow-domains' is set twice");
    }

    @Test
    void anUnreadableFileIsNamed() {
        Path missing = dir.resolve("missing.toml");
        assertThatThrownBy(() -> read(missing)).hasMessageStartingWith("cannot read config file " + missing);
    }

    @Test
    void noFileIsNoConfiguration() {
        assertThat(IronboxConfig.none().runtime()).isEqualTo(Optional.empty());
        assertThat(IronboxConfig.none().source()).isEqualTo("no config file");
    }

    private int count;

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("ironbox-" + (++count) + ".toml"), text);
    }

    /** A file the user named ($IRONBOX_CONFIG): every key is allowed. */
    private IronboxConfig read(Path file) {
        return reader.read(new ConfigFile(file, ConfigFile.Origin.VARIABLE));
    }
}
