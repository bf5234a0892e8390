package dev.ironbox.cli;

import dev.ironbox.core.settings.EgressSettings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.egress.AllowRule;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressDefaults;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkOptionsTest {

    @TempDir
    Path cwd;

    private final FakeSandboxFactory factory = new FakeSandboxFactory();
    private Console console;

    @BeforeEach
    void setUp() {
        console = new Console(factory, cwd, Map.of());
    }

    @Test
    void withoutAllowedHostsTheRunHasNoNetwork() {
        EgressPolicy egress = run("run", "--", "true").egress();

        assertThat(egress).isEqualTo(EgressPolicy.denyAll());
        assertThat(egress.allowsAnything()).isFalse();
        assertThat(factory.openedUpstreamCa).isEmpty();
    }

    @Test
    void allowDomainAddsToTheDefaults() {
        EgressPolicy egress = run("run", "--allow-domain", "example.com", "--", "true").egress();

        assertThat(patterns(egress)).containsAll(EgressDefaults.allowlist()).endsWith("example.com")
                .hasSize(EgressDefaults.allowlist().size() + 1);
        assertThat(egress.credentials()).isEqualTo(EgressDefaults.credentials())
                .allMatch(CredentialMapping::optional);
    }

    @Test
    void everyKindOfEntryIsParsedWithItsPorts() {
        EgressPolicy egress = run("run", "--no-default-domains", "--allow-domain", "Example.COM.",
                "--allow-domain", "*.example.org:8443", "--allow-domain", "203.0.113.7",
                "--allow-domain", "10.0.0.0/8", "--allow-domain", "[::1]:8080", "--", "true").egress();

        assertThat(egress.allowlist()).containsExactly(
                new AllowRule("example.com", AllowRule.DEFAULT_PORTS),
                new AllowRule("*.example.org", Set.of(8443)),
                new AllowRule("203.0.113.7", AllowRule.DEFAULT_PORTS),
                new AllowRule("10.0.0.0/8", AllowRule.DEFAULT_PORTS),
                new AllowRule("::1", Set.of(8080)));
        assertThat(egress.credentials()).isEmpty();
    }

    @Test
    void noDefaultDomainsKeepsOnlyTheGivenEntries() {
        EgressPolicy egress = run("run", "--no-default-domains", "--allow-domain", "example.com", "--", "true")
                .egress();

        assertThat(patterns(egress)).containsExactly("example.com");
        assertThat(egress.credentials()).isEmpty();
    }

    @Test
    void defaultDomainsAloneAllowsTheDefaults() {
        assertThat(run("run", "--default-domains", "--", "true").egress()).isEqualTo(EgressPolicy.defaults());
    }

    @Test
    void credentialsOfEveryKindAreMapped() {
        EgressPolicy egress = run("run", "--no-default-domains", "--allow-domain", "*.example.com",
                "--credential", "api.example.com=API_KEY",
                "--credential", "h.example.com=H_KEY,header=x-api-key,optional",
                "--credential", "q.example.com=Q_KEY,QUERY=key", "--", "true").egress();

        assertThat(egress.credentials()).containsExactly(
                CredentialMapping.bearer("api.example.com", "API_KEY"),
                CredentialMapping.header("h.example.com", "H_KEY", "x-api-key").asOptional(),
                CredentialMapping.query("q.example.com", "Q_KEY", "key"));
    }

    @Test
    void aCredentialForADefaultHostReplacesTheDefaultOne() {
        EgressPolicy egress = run("run", "--credential", "api.openai.com=MY_OPENAI_KEY", "--", "true").egress();

        assertThat(patterns(egress)).containsExactlyElementsOf(EgressDefaults.allowlist());
        assertThat(egress.credentialFor("api.openai.com"))
                .contains(CredentialMapping.bearer("api.openai.com", "MY_OPENAI_KEY"));
        assertThat(egress.credentials()).hasSize(EgressDefaults.credentials().size());
    }

    @Test
    void flagsAddToTheConfiguredSettings() throws Exception {
        Path configCa = Files.writeString(cwd.resolve("config-ca.pem"), "pem");
        console.configured = () -> new EgressSettings(List.of("config.example.com"),
                List.of(CredentialMapping.bearer("config.example.com", "CONFIG_KEY")), Optional.of(false),
                Optional.of(configCa));

        EgressPolicy egress = run("run", "--allow-domain", "flag.example.com", "--credential",
                "config.example.com=FLAG_KEY,header=x-key", "--", "true").egress();

        assertThat(patterns(egress)).containsExactly("config.example.com", "flag.example.com");
        assertThat(egress.credentials())
                .containsExactly(CredentialMapping.header("config.example.com", "FLAG_KEY", "x-key"));
        assertThat(factory.openedUpstreamCa).contains(configCa);
    }

    @Test
    void theFlagOverridesTheConfiguredDefaultDomainsSwitch() {
        console.configured = () -> new EgressSettings(List.of("config.example.com"), List.of(), Optional.of(false),
                Optional.empty());

        EgressPolicy egress = run("run", "--default-domains", "--", "true").egress();

        assertThat(patterns(egress)).containsAll(EgressDefaults.allowlist()).endsWith("config.example.com");
    }

    @Test
    void theUpstreamCaResolvesAgainstTheWorkingDirectoryAndGoesToTheOpener() throws Exception {
        Path ca = Files.writeString(cwd.resolve("ca.pem"), "pem");
        console.configured = () -> new EgressSettings(List.of(), List.of(), Optional.empty(),
                Optional.of(cwd.resolve("other.pem")));

        RunRequest request = run("run", "--upstream-ca", "ca.pem", "--", "true");

        assertThat(factory.openedUpstreamCa).contains(ca);
        assertThat(request.egress()).as("the CA is no reason for network").isEqualTo(EgressPolicy.denyAll());
    }

    @Test
    void jsonHasOneNetworkObjectPerEvent() throws Exception {
        Instant time = Instant.parse("2025-01-02T03:04:05.678Z");
        factory.answer = request -> FakeSandboxFactory.result(request).network(List.of(
                new NetworkEvent(time, "CONNECT", "api.example.com", 443, true, "api.example.com:443 is allowed",
                        true, 200, 1234, 56789),
                new NetworkEvent(time, "GET", "evil.example", 80, false, "evil.example is not on the allowlist",
                        false, 403, 0, 0))).build();

        assertThat(console.execute("run", "--json", "--allow-domain", "api.example.com", "--", "x")).isZero();

        JsonNode network = new ObjectMapper().readTree(console.out()).get("network");
        assertThat(network).hasSize(2);
        JsonNode first = network.get(0);
        List<String> names = new ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("time", "method", "host", "port", "allowed", "reason",
                "credentialInjected", "status", "bytesUp", "bytesDown");
        assertThat(first.get("time").asText()).isEqualTo("2025-01-02T03:04:05.678Z");
        assertThat(first.get("method").asText()).isEqualTo("CONNECT");
        assertThat(first.get("host").asText()).isEqualTo("api.example.com");
        assertThat(first.get("port").isInt()).isTrue();
        assertThat(first.get("port").asInt()).isEqualTo(443);
        assertThat(first.get("allowed").isBoolean()).isTrue();
        assertThat(first.get("allowed").asBoolean()).isTrue();
        assertThat(first.get("reason").asText()).isEqualTo("api.example.com:443 is allowed");
        assertThat(first.get("credentialInjected").asBoolean()).isTrue();
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("bytesUp").asLong()).isEqualTo(1234);
        assertThat(first.get("bytesDown").asLong()).isEqualTo(56789);
        JsonNode denied = network.get(1);
        assertThat(denied.get("allowed").asBoolean()).isFalse();
        assertThat(denied.get("status").asInt()).isEqualTo(403);
        assertThat(denied.get("reason").asText()).isEqualTo("evil.example is not on the allowlist");
    }

    @Test
    void helpExplainsTheNetworkOptions() {
        assertThat(console.execute("run", "--help")).isZero();

        assertThat(console.out().replaceAll("\\s+", " ")).contains("--allow-domain=PATTERN[:PORT]",
                "--credential=HOST=ENV_VAR[,KIND][,optional]", "--[no-]default-domains", "--upstream-ca=FILE",
                "no network at all", "--allow-domain api.example.com").doesNotContain("Default: null",
                "Default: []");
    }

    @Test
    void settingsCombineInOrder() {
        EgressSettings config = new EgressSettings(List.of("a.example"), List.of(
                CredentialMapping.bearer("a.example", "A"), CredentialMapping.bearer("b.example", "B")),
                Optional.of(true), Optional.of(Path.of("/config.pem")));
        EgressSettings flags = new EgressSettings(List.of("b.example"), List.of(
                CredentialMapping.bearer("b.example", "B2")), Optional.empty(), Optional.empty());

        EgressSettings both = config.plus(flags);

        assertThat(both.allowDomains()).containsExactly("a.example", "b.example");
        assertThat(both.credentials()).containsExactly(CredentialMapping.bearer("a.example", "A"),
                CredentialMapping.bearer("b.example", "B2"));
        assertThat(both.defaultDomains()).contains(true);
        assertThat(both.upstreamCa()).contains(Path.of("/config.pem"));
        assertThat(EgressSettings.none().plus(EgressSettings.none())).isEqualTo(EgressSettings.none());
        assertThat(EgressSettings.none().policy()).isEqualTo(EgressPolicy.denyAll());
    }

    private RunRequest run(String... args) {
        assertThat(console.execute(args)).as("exit code; stderr: %s", console.err()).isZero();
        return factory.requests.get(factory.requests.size() - 1);
    }

    private static List<String> patterns(EgressPolicy egress) {
        return egress.allowlist().stream().map(AllowRule::pattern).toList();
    }
}
