package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.settings.EgressSettings;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.RunEgress;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.egress.AllowRule;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressDefaults;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.testing.RunOnlySandbox;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API's network settings: what a run may reach, and what reaches the egress proxy. No engine. */
class IronboxEgressBuilderTest {

    private static final SelectRuntimeUseCase REQUESTED =
            requested -> new RuntimeChoice(requested.orElse("auto"), RuntimeChoice.REQUESTED);

    @TempDir
    Path workspace;

    private final Recording network = new Recording(EgressSettings.none());

    private EgressPolicy egressOf(IronboxBuilder builder) {
        try (Ironbox ironbox = builder.workspace(workspace).build(network, network.files(), REQUESTED)) {
            return ironbox.request(List.of("true")).egress();
        }
    }

    private static List<String> hosts(EgressPolicy policy) {
        return policy.allowlist().stream().map(AllowRule::toString).toList();
    }

    @Test
    void byDefaultRunsHaveNoNetwork() {
        assertThat(egressOf(Ironbox.builder())).isEqualTo(EgressPolicy.denyAll());
    }

    @Test
    void anAllowedDomainComesWithTheSeedsDefaults() {
        EgressPolicy policy = egressOf(Ironbox.builder().allowDomain("example.com", "*.example.org:8443"));

        assertThat(hosts(policy)).containsAll(EgressDefaults.allowlist()).contains("example.com", "*.example.org:8443")
                .hasSize(EgressDefaults.allowlist().size() + 2);
        assertThat(policy.credentials()).containsExactlyElementsOf(EgressDefaults.credentials());
    }

    @Test
    void withoutTheDefaultsOnlyTheNamedHostsAreAllowed() {
        EgressPolicy policy = egressOf(Ironbox.builder().defaultDomains(false).allowDomain("example.com"));

        assertThat(hosts(policy)).containsExactly("example.com");
        assertThat(policy.credentials()).isEmpty();
    }

    @Test
    void theDefaultsAloneCanBeAskedFor() {
        assertThat(egressOf(Ironbox.builder().defaultDomains(true))).isEqualTo(EgressPolicy.defaults());
    }

    @Test
    void aCredentialExtendsAndReplacesTheDefaultForItsHost() {
        CredentialMapping mine = CredentialMapping.header("api.openai.com", "MY_OPENAI", "x-key");
        EgressPolicy policy = egressOf(Ironbox.builder().credential(mine));

        assertThat(policy.credentialFor("api.openai.com")).contains(mine);
        assertThat(policy.credentials()).hasSize(EgressDefaults.credentials().size());
    }

    @Test
    void aPolicyGivenWholeReplacesDefaultsAndConfigurationAndIsExtended() {
        Recording configured = new Recording(new EgressSettings(List.of("config.example"), List.of(),
                Optional.empty(), Optional.empty()));
        try (Ironbox ironbox = Ironbox.builder().workspace(workspace)
                .egress(EgressPolicy.of(List.of("a.example"), List.of())).allowDomain("b.example")
                .build(configured, configured.files(), REQUESTED)) {
            assertThat(hosts(ironbox.request(List.of("true")).egress())).containsExactly("a.example", "b.example");
        }
    }

    @Test
    void theConfiguredSettingsComeFirstAndTheBuildersAddToThem() {
        Recording configured = new Recording(new EgressSettings(List.of("config.example"), List.of(),
                Optional.of(false), Optional.empty()));
        try (Ironbox ironbox = Ironbox.builder().workspace(workspace).allowDomain("mine.example")
                .build(configured, configured.files(), REQUESTED)) {
            assertThat(hosts(ironbox.request(List.of("true")).egress()))
                    .containsExactly("config.example", "mine.example");
        }
    }

    @Test
    void aCredentialForAHostThatIsNotAllowedIsRefusedAtBuild() {
        assertThatThrownBy(() -> egressOf(Ironbox.builder().defaultDomains(false).allowDomain("example.com")
                .credential(CredentialMapping.bearer("api.other.example", "KEY"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("api.other.example is not on the allowlist");
        assertThat(network.opened).isEmpty();
    }

    @Test
    void aMalformedEntryIsRefusedAtOnceNamingIt() {
        assertThatThrownBy(() -> Ironbox.builder().allowDomain("http://example.com"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("http://example.com");
        assertThatThrownBy(() -> Ironbox.builder().allowDomain("*."))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("*.");
        assertThatThrownBy(() -> Ironbox.builder().allowDomain("example.com:70000"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("70000");
        assertThatThrownBy(() -> Ironbox.builder().allowDomain((String) null))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void theUpstreamCaReachesTheSandboxThatIsOpened() throws Exception {
        Path ca = Files.writeString(workspace.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        try (Ironbox ironbox = Ironbox.builder().workspace(workspace).upstreamCa(ca)
                .build(network, network.files(), REQUESTED)) {
            assertThat(ironbox.runtimeId()).isEqualTo("auto");
        }
        assertThat(network.upstreamCas).containsExactly(Optional.of(ca.toAbsolutePath()));
    }

    @Test
    void aMissingUpstreamCaIsRefusedBeforeAnythingIsOpened() {
        Path missing = workspace.resolve("missing.pem");
        assertThatThrownBy(() -> Ironbox.builder().workspace(workspace).upstreamCa(missing)
                .build(network, network.files(), REQUESTED))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("upstream CA file " + missing + " does not exist");
        assertThat(network.opened).isEmpty();
    }

    @Test
    void theConfigFilesNetworkTableAppliesToTheJavaApi() throws Exception {
        Path config = Files.writeString(workspace.resolve("ironbox.toml"), """
                runtime = "fixture"
                [network]
                allow-domains = ["config.example"]
                default-domains = false
                """);
        try (Ironbox ironbox = Ironbox.builder().configFile(config).workspace(workspace).allowDomain("mine.example")
                .build(context())) {
            assertThat(hosts(ironbox.request(List.of("true")).egress()))
                    .containsExactly("config.example", "mine.example");
        }
    }

    @Test
    void aRuntimeWithoutNetworksRefusesARunWithNetworkClearly() throws Exception {
        try (Ironbox ironbox = Ironbox.builder().runtime("fixture").workspace(workspace)
                .defaultDomains(false).allowDomain("example.com")
                .secrets(name -> Optional.empty()).build(context())) {
            assertThatThrownBy(() -> ironbox.run("true"))
                    .isInstanceOf(ContainerFailureException.class)
                    .hasMessageContaining("runtime fixture has no sandbox networks");
            assertThat(ironbox.run(ironbox.request(List.of("true")).withEgress(EgressPolicy.denyAll()), c -> { })
                    .stdout()).isEqualTo("fixture runtime ran: true\n");
        }
    }

    @Test
    void aMissingSecretFailsTheRunNamingItBeforeAnythingRuns() throws Exception {
        try (Ironbox ironbox = Ironbox.builder().runtime("fixture").workspace(workspace)
                .defaultDomains(false).allowDomain("example.com")
                .credential(CredentialMapping.bearer("example.com", "IRONBOX_TEST_ABSENT_KEY"))
                .secrets(name -> Optional.empty()).build(context())) {
            assertThatThrownBy(() -> ironbox.run("true"))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("IRONBOX_TEST_ABSENT_KEY").hasMessageContaining("missing");
        }
    }

    private CliContext context() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new CliContext(sink, sink, Map.of("HOME", workspace.toString()), workspace);
    }

    /** Configured settings as given; records each open; sandboxes that do nothing. */
    private static final class Recording implements RunEgress {
        final EgressSettings configured;
        final List<String> opened = new ArrayList<>();
        final List<Optional<Path>> upstreamCas = new ArrayList<>();

        Recording(EgressSettings configured) {
            this.configured = configured;
        }

        /** The configured settings as the config files' would be handed over: typed, from a file. */
        RunConfiguration files() {
            return new RunConfiguration() {
                @Override
                public Optional<Path> file() {
                    return Optional.empty();
                }

                @Override
                public SettingsLayer settings() {
                    return configured.layer(SettingSource.file("config.toml"));
                }
            };
        }

        @Override
        public Sandbox open(String runtimeId, SandboxSettings settings, Optional<Path> upstreamCa) {
            opened.add(runtimeId);
            upstreamCas.add(upstreamCa);
            return new RunOnlySandbox() {
                @Override
                public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
                    return null;
                }


                @Override
                public String runtimeId() {
                    return runtimeId;
                }

                @Override
                public void close() {}
            };
        }
    }
}
