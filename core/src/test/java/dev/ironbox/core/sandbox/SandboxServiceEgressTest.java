package dev.ironbox.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.egress.EnvironmentSecrets;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.testing.FakeEgressProxy;
import dev.ironbox.core.testing.FakeFirewall;
import dev.ironbox.core.testing.FakeNetworks;
import dev.ironbox.core.testing.FakeRuntime;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs with network access: their network, proxy lease, variables, secrets and CA files, and their clean-up. */
class SandboxServiceEgressTest {

    private static final String SECRET = "sk-real-secret-value-0123456789";

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();
    private final FakeEgressProxy proxy = new FakeEgressProxy(engine.log);
    private final FakeFirewall firewall = new FakeFirewall();
    private final Map<String, String> hostEnvironment = new HashMap<>(Map.of("EXAMPLE_KEY", SECRET));

    private SandboxService service() {
        engine.images.add("img");
        return InlineRemovals.service(engine, SandboxSettings.builder().build(), proxy,
                new EnvironmentSecrets(hostEnvironment::get), firewall);
    }

    private RunRequest.Builder request(EgressPolicy egress) {
        return RunRequest.builder().command(List.of("curl", "https://api.example.com/")).workspace(workspace)
                .image("img").egress(egress);
    }

    private static EgressPolicy allowing(CredentialMapping... credentials) {
        return EgressPolicy.of(List.of("api.example.com", "*.example.org"), List.of(credentials));
    }

    @Test
    void aRunThatMayReachNothingKeepsNetworkNoneAndTouchesNoProxy() throws Exception {
        RunResult result = service().run(request(EgressPolicy.denyAll()).build());

        assertThat(engine.created.get(0).networkMode()).isEqualTo("none");
        assertThat(engine.created.get(0).env()).doesNotContainKeys("http_proxy", "HTTPS_PROXY");
        assertThat(engine.networks.created).isEmpty();
        assertThat(proxy.leases).isEmpty();
        assertThat(result.network()).isEmpty();
    }

    @Test
    void withoutAProxyARunThatMayReachSomethingFailsBeforeAnythingIsCreated() {
        engine.images.add("img");
        SandboxService service = InlineRemovals.service(engine, SandboxSettings.builder().build());

        assertThatThrownBy(() -> service.run(request(allowing()).build()))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining("this sandbox has no egress proxy");
        assertThat(engine.created).isEmpty();
        assertThat(engine.networks.created).isEmpty();
    }

    @Test
    void aRunsNetworkIsNamedForTheFirewallWhichLetsItReachOnlyItsProxyListenerWhileItRuns() throws Exception {
        List<String> openDuringTheRun = new java.util.ArrayList<>();
        engine.onCreate = spec -> openDuringTheRun.addAll(firewall.open);

        service().run(request(allowing()).build());

        var network = engine.networks.created.get(0);
        assertThat(network.hostInterface()).matches("ibx[0-9a-f]{12}");
        assertThat(openDuringTheRun).containsExactly(network.hostInterface() + " 10.99.0.1:3128");
        assertThat(firewall.open).as("openings left after the run").isEmpty();
        assertThat(engine.networks.alive).isEmpty();
    }

    @Test
    void whereTheFirewallCannotIsolateANetworkedRunIsRefusedBeforeAnythingIsCreated() {
        engine.images.add("img");
        SandboxService service = InlineRemovals.service(engine, SandboxSettings.builder().build(), proxy,
                new EnvironmentSecrets(hostEnvironment::get), FakeFirewall.unavailable("nft is not installed"));

        assertThatThrownBy(() -> service.run(request(allowing()).build()))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessageContaining("nft is not installed")
                .hasMessageContaining("--allow-unisolated-egress");
        assertThat(engine.created).isEmpty();
        assertThat(engine.networks.created).isEmpty();
        assertThat(proxy.leases).isEmpty();
    }

    @Test
    void withoutAFirewallANetworkedRunIsRefusedButARunWithoutNetworkIsNot() throws Exception {
        engine.images.add("img");
        SandboxService service = InlineRemovals.service(engine, SandboxSettings.builder().build(), proxy,
                new EnvironmentSecrets(hostEnvironment::get));

        assertThatThrownBy(() -> service.run(request(allowing()).build()))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessageContaining("no host firewall");
        assertThat(service.run(request(EgressPolicy.denyAll()).build()).exitCode()).isZero();
        assertThat(engine.networks.created).isEmpty();
    }

    @Test
    void theOperatorMayAllowUnisolatedEgressExplicitly() throws Exception {
        engine.images.add("img");
        SandboxService service = InlineRemovals.service(engine,
                SandboxSettings.builder().allowUnisolatedEgress(true).build(), proxy,
                new EnvironmentSecrets(hostEnvironment::get), FakeFirewall.unavailable("not root"));

        service.run(request(allowing()).build());

        assertThat(engine.networks.created).hasSize(1);
        assertThat(engine.networks.created.get(0).hostInterface()).isEmpty();
        assertThat(engine.networks.alive).isEmpty();
    }

    @Test
    void aFirewallThatFailsToOpenUndoesTheNetworkAndTheLease() {
        firewall.openFailure = new ContainerFailureException("nft: Operation not permitted");

        assertThatThrownBy(() -> service().run(request(allowing()).build()))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining("Operation not permitted");
        assertThat(engine.created).isEmpty();
        assertThat(engine.networks.alive).isEmpty();
        assertThat(proxy.leases).allSatisfy(lease -> assertThat(lease.closed).isTrue());
    }

    @Test
    void aRunGetsItsOwnInternalNetworkAndTheProxyVariables() throws Exception {
        service().run(request(allowing()).build());

        assertThat(engine.networks.created).hasSize(1);
        var network = engine.networks.created.get(0);
        assertThat(network.name()).matches("ironbox-net-[0-9a-f-]{36}");
        assertThat(engine.networks.created).allSatisfy(n -> assertThat(n.gateway()).isEqualTo(FakeNetworks.GATEWAY));
        ContainerSpec spec = engine.created.get(0);
        assertThat(spec.networkMode()).isEqualTo(network.name());
        FakeEgressProxy.FakeLease lease = proxy.leases.get(0);
        assertThat(lease.address).isEqualTo(network.gateway());
        assertThat(lease.policy).isEqualTo(allowing());
        String uri = "http://10.99.0.1:3128";
        assertThat(spec.env()).containsEntry("http_proxy", uri).containsEntry("https_proxy", uri)
                .containsEntry("HTTP_PROXY", uri).containsEntry("HTTPS_PROXY", uri)
                .containsEntry("NO_PROXY", "").containsEntry("no_proxy", "")
                .containsEntry("JAVA_TOOL_OPTIONS", "-Dhttp.proxyHost=10.99.0.1 -Dhttp.proxyPort=3128"
                        + " -Dhttps.proxyHost=10.99.0.1 -Dhttps.proxyPort=3128")
                .doesNotContainKeys("SSL_CERT_FILE", "EXAMPLE_KEY");
        assertThat(spec.binds()).hasSize(1);
        // still the whole hardened profile
        assertThat(spec.capDrop()).containsExactly("ALL");
        assertThat(spec.readOnlyRootfs()).isTrue();
        assertThat(spec.user()).isEqualTo(SandboxUser.current().spec());
    }

    @Test
    void theNetworkCarriesTheOwnerLabelsAndIsGoneAfterTheRun() throws Exception {
        service().run(request(allowing()).build());

        assertThat(engine.networks.listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())).isEmpty();
        assertThat(engine.log).containsExactly("create network n1", "open lease 3128", "create container c1",
                "close lease 3128", "remove container c1", "remove network n1");
    }

    @Test
    void theNetworkIsLabelledAsIronboxsWhileTheRunLasts() throws Exception {
        AtomicReference<List<String>> labelled = new AtomicReference<>();
        engine.onCreate = spec -> labelled.set(engine.networks.listByLabel(OwnerLabels.MANAGED, "true"));
        service().run(request(allowing()).build());
        assertThat(labelled.get()).containsExactly("n1");
        assertThat(engine.networks.listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())).isEmpty();
    }

    @Test
    void theSandboxGetsThePlaceholderAndOnlyTheProxyGetsTheSecret() throws Exception {
        proxy.caPem = FakeEgressProxy.CA_PEM;
        CredentialMapping bearer = CredentialMapping.bearer("api.example.com", "EXAMPLE_KEY");
        // even a request that passes the real secret in its own environment gets the placeholder
        service().run(request(allowing(bearer)).env(Map.of("EXAMPLE_KEY", SECRET, "OTHER", "x")).build());

        ContainerSpec spec = engine.created.get(0);
        assertThat(spec.env()).containsEntry("EXAMPLE_KEY", "ironbox-placeholder-EXAMPLE_KEY")
                .containsEntry("OTHER", "x");
        assertThat(spec.env().values()).noneMatch(value -> value.contains(SECRET));
        assertThat(spec.command()).noneMatch(arg -> arg.contains(SECRET));
        assertThat(spec.labels().values()).noneMatch(value -> value.contains(SECRET));
        assertThat(proxy.leases.get(0).secrets).containsExactly(Map.entry("EXAMPLE_KEY", SECRET));
        assertThat(proxy.leases.get(0).policy.credentials()).containsExactly(bearer);
    }

    @Test
    void aMissingSecretFailsBeforeAnythingIsCreatedNamingTheVariable() {
        hostEnvironment.clear();
        CredentialMapping bearer = CredentialMapping.bearer("api.example.com", "EXAMPLE_KEY");

        assertThatThrownBy(() -> service().run(request(allowing(bearer)).build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("EXAMPLE_KEY").hasMessageContaining("api.example.com")
                .hasMessageContaining("missing");
        assertThat(engine.networks.created).isEmpty();
        assertThat(proxy.leases).isEmpty();
        assertThat(engine.created).isEmpty();
    }

    @Test
    void anEmptySecretIsMissingToo() {
        hostEnvironment.put("EXAMPLE_KEY", "");
        CredentialMapping bearer = CredentialMapping.bearer("api.example.com", "EXAMPLE_KEY");

        assertThatThrownBy(() -> service().run(request(allowing(bearer)).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("EXAMPLE_KEY");
        assertThat(engine.networks.created).isEmpty();
    }

    @Test
    void aMissingOptionalSecretDropsItsCredentialOnly() throws Exception {
        hostEnvironment.clear();
        CredentialMapping optional = CredentialMapping.bearer("api.example.com", "EXAMPLE_KEY").asOptional();

        service().run(request(allowing(optional)).build());

        assertThat(proxy.leases.get(0).policy.credentials()).isEmpty();
        assertThat(proxy.leases.get(0).policy.allowlist()).isEqualTo(allowing().allowlist());
        assertThat(proxy.leases.get(0).secrets).isEmpty();
        assertThat(engine.created.get(0).env()).doesNotContainKey("EXAMPLE_KEY");
    }

    @Test
    void aResolverThatFailsIsAConfigurationErrorWithoutTheValue() {
        engine.images.add("img");
        SandboxService service = InlineRemovals.service(engine, SandboxSettings.builder().build(), proxy, name -> {
            throw new IllegalStateException("vault sealed");
        }, firewall);
        CredentialMapping bearer = CredentialMapping.bearer("api.example.com", "EXAMPLE_KEY");

        assertThatThrownBy(() -> service.run(request(allowing(bearer)).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("EXAMPLE_KEY")
                .hasRootCauseMessage("vault sealed");
        assertThat(engine.networks.created).isEmpty();
    }

    @Test
    void theCaIsMountedReadOnlyWithTheVariablesThatPointAtIt() throws Exception {
        proxy.caPem = FakeEgressProxy.CA_PEM;
        AtomicReference<String> permissions = new AtomicReference<>();
        AtomicReference<KeyStore> trustStore = new AtomicReference<>();
        AtomicReference<String> bundle = new AtomicReference<>();
        engine.onCreate = spec -> {
            try {
                Path ca = host(spec, "/etc/ironbox/ca.pem");
                permissions.set(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca)));
                assertThat(Files.readString(ca)).isEqualTo(FakeEgressProxy.CA_PEM);
                bundle.set(Files.readString(host(spec, "/etc/ironbox/ca-bundle.pem")));
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(host(spec, "/etc/ironbox/truststore.p12"))) {
                    store.load(in, "changeit".toCharArray());
                }
                trustStore.set(store);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        service().run(request(allowing()).build());

        ContainerSpec spec = engine.created.get(0);
        assertThat(spec.binds()).filteredOn(m -> m.containerPath().startsWith("/etc/ironbox/"))
                .extracting(Mount::containerPath, Mount::readOnly)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/etc/ironbox/ca.pem", true),
                        org.assertj.core.groups.Tuple.tuple("/etc/ironbox/ca-bundle.pem", true),
                        org.assertj.core.groups.Tuple.tuple("/etc/ironbox/truststore.p12", true));
        assertThat(permissions.get()).isEqualTo("rw-r--r--");
        assertThat(spec.env()).containsEntry("SSL_CERT_FILE", "/etc/ironbox/ca-bundle.pem")
                .containsEntry("CURL_CA_BUNDLE", "/etc/ironbox/ca-bundle.pem")
                .containsEntry("REQUESTS_CA_BUNDLE", "/etc/ironbox/ca-bundle.pem")
                .containsEntry("NODE_EXTRA_CA_CERTS", "/etc/ironbox/ca.pem");
        assertThat(spec.env().get("JAVA_TOOL_OPTIONS"))
                .contains("-Djavax.net.ssl.trustStore=/etc/ironbox/truststore.p12")
                .contains("-Djavax.net.ssl.trustStorePassword=changeit")
                .contains("-Djavax.net.ssl.trustStoreType=PKCS12");
        // the proxy's CA first, then the JDK's CAs: blind tunnels to other hosts still verify
        assertThat(bundle.get()).startsWith(FakeEgressProxy.CA_PEM.strip());
        assertThat(bundle.get().split("BEGIN CERTIFICATE").length).isGreaterThan(10);
        assertThat(trustStore.get().isCertificateEntry("ironbox-egress-ca")).isTrue();
        assertThat(trustStore.get().size()).isGreaterThan(10);
        Path directory = spec.binds().get(1).hostPath().getParent();
        assertThat(directory).doesNotExist();
    }

    @Test
    void theRequestsJavaToolOptionsAreKeptAndTheProxysAppended() throws Exception {
        service().run(request(allowing()).env(Map.of("JAVA_TOOL_OPTIONS", "-Xmx64m")).build());

        assertThat(engine.created.get(0).env().get("JAVA_TOOL_OPTIONS"))
                .startsWith("-Xmx64m -Dhttp.proxyHost=10.99.0.1");
    }

    @Test
    void theResultCarriesTheProxysDecisions() throws Exception {
        NetworkEvent event = new NetworkEvent(Instant.parse("2025-01-01T00:00:00Z"), "CONNECT", "api.example.com",
                443, true, "allowed by 'api.example.com'", false, 0, 10, 20);
        proxy.events = List.of(event);

        RunResult result = service().run(request(allowing()).build());

        assertThat(result.network()).containsExactly(event);
    }

    @Test
    void aTimedOutRunCarriesItsEventsAndCleansUp() throws Exception {
        engine.exit = Optional.empty();
        proxy.events = List.of(new NetworkEvent(Instant.now(), "GET", "x.example.org", 80, false, "no", false, 403,
                0, 0));

        RunResult result = service().run(request(allowing()).build());

        assertThat(result.timedOut()).isTrue();
        assertThat(result.network()).hasSize(1);
        assertCleanedUp();
    }

    @Test
    void anEngineErrorStillClosesTheLeaseAndRemovesContainerNetworkAndFiles() {
        proxy.caPem = FakeEgressProxy.CA_PEM;
        engine.startFailure = new ContainerFailureException("engine exploded");

        assertThatThrownBy(() -> service().run(request(allowing()).build()))
                .isInstanceOf(ContainerFailureException.class).hasMessage("engine exploded");
        assertCleanedUp();
        assertThat(engine.created.get(0).binds().get(1).hostPath().getParent()).doesNotExist();
    }

    @Test
    void aFailedCreateStillClosesTheLeaseAndRemovesTheNetwork() {
        engine.onCreate = spec -> {
            throw new ContainerFailureException("no such image");
        };

        assertThatThrownBy(() -> service().run(request(allowing()).build())).hasMessage("no such image");
        assertThat(engine.log).containsExactly("create network n1", "open lease 3128", "close lease 3128",
                "remove network n1");
    }

    @Test
    void aLeaseThatCannotOpenRemovesTheNetwork() {
        proxy.openFailure = new IllegalStateException("the egress proxy is closed");

        assertThatThrownBy(() -> service().run(request(allowing()).build()))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("the egress proxy is closed");
        assertThat(engine.log).containsExactly("create network n1", "remove network n1");
        assertThat(engine.created).isEmpty();
    }

    @Test
    void anErrorWhileOpeningTheLeaseStillRemovesTheNetwork() {
        proxy.openError = new NoClassDefFoundError("org/eclipse/jetty/util/thread/ThreadPool");

        assertThatThrownBy(() -> service().run(request(allowing()).build())).isInstanceOf(NoClassDefFoundError.class);
        assertThat(engine.log).containsExactly("create network n1", "remove network n1");
    }

    @Test
    void aNetworkThatCannotBeCreatedOpensNoLease() {
        engine.networks.createFailure = new ContainerFailureException("no free subnet");

        assertThatThrownBy(() -> service().run(request(allowing()).build())).hasMessage("no free subnet");
        assertThat(proxy.leases).isEmpty();
        assertThat(engine.created).isEmpty();
    }

    @Test
    void aNetworkThatCannotBeRemovedIsLoggedNotThrown() throws Exception {
        engine.networks.removeFailure = new ContainerFailureException("in use");

        RunResult result = service().run(request(allowing()).build());

        assertThat(result.exitCode()).isZero();
        assertThat(proxy.leases.get(0).closed).isTrue();
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void anInterruptCleansUpEverythingAndPropagates() throws Exception {
        engine.blockUntilInterrupted = true;
        proxy.caPem = FakeEgressProxy.CA_PEM;
        SandboxService service = service();
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                service.run(request(allowing()).build());
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        engine.waitingForExit.await(); // the run waits for its container: the interrupt lands there
        runner.get().interrupt();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertCleanedUp();
        assertThat(engine.created.get(0).binds().get(1).hostPath().getParent()).doesNotExist();
    }

    @Test
    void closeRemovesTheContainerThenTheNetworkOfARunStillGoing() throws Exception {
        engine.blockUntilInterrupted = true;
        SandboxService service = service();
        Thread runner = new Thread(() -> {
            try {
                service.run(request(allowing()).build());
            } catch (InterruptedException ignored) {
                // expected at the end of the test
            }
        });
        runner.start();
        engine.waitingForExit.await(); // the run is going: it waits for its container

        service.close();

        assertCleanedUp();
        runner.interrupt();
        runner.join(5000);
        assertThat(engine.log).filteredOn(line -> line.startsWith("remove")).hasSize(2);
    }

    @Test
    void closeDuringARunsCreationWaitsForTheRunsOwnRelease() throws Exception {
        engine.blockUntilInterrupted = true;
        CountDownLatch creating = new CountDownLatch(1);
        engine.onCreate = spec -> creating.countDown();
        SandboxService service = service();
        Thread runner = new Thread(() -> {
            try {
                service.run(request(allowing()).build());
            } catch (InterruptedException ignored) {
                // expected at the end of the test
            }
        });
        runner.start();
        // close comes while the run creates its container: the run is refused right after and releases what it made
        // while close sweeps it; close returns only once the lease, the container and the network are gone
        creating.await();

        service.close();

        assertCleanedUp();
        runner.interrupt();
        runner.join(5000);
        assertThat(engine.log).filteredOn(line -> line.startsWith("remove")).hasSize(2);
    }

    @Test
    void concurrentRunsGetTheirOwnNetworksAndLeases() throws Exception {
        SandboxService service = service();
        CompletableFuture<RunResult> a = CompletableFuture.supplyAsync(() -> run(service));
        CompletableFuture<RunResult> b = CompletableFuture.supplyAsync(() -> run(service));
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);

        assertThat(engine.networks.created).extracting(n -> n.name()).doesNotHaveDuplicates().hasSize(2);
        assertThat(proxy.leases).hasSize(2).allSatisfy(lease -> assertThat(lease.closed).isTrue());
        assertThat(engine.networks.alive).isEmpty();
    }

    @Test
    void aFullAccessRunIgnoresTheEgressPolicy() throws Exception {
        engine.images.add("img");
        SandboxService service = InlineRemovals.service(engine, SandboxSettings.builder().allowFullAccess(true).build(),
                proxy, new EnvironmentSecrets(hostEnvironment::get));
        RunResult result = service.run(request(allowing()).command(List.of("true"))
                .policy(dev.ironbox.core.model.SandboxPolicy.FULL_ACCESS)
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(10)).build()).build());
        assertThat(result.runtime()).isEqualTo("host");
        assertThat(engine.networks.created).isEmpty();
    }

    private RunResult run(SandboxService service) {
        try {
            return service.run(request(allowing()).build());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertCleanedUp() {
        assertThat(proxy.leases).allSatisfy(lease -> assertThat(lease.closed).as("lease closed").isTrue());
        assertThat(engine.alive).as("containers left").isEmpty();
        assertThat(engine.networks.alive).as("networks left").isEmpty();
        List<String> order = engine.log.stream().filter(line -> !line.startsWith("create")
                && !line.startsWith("open")).toList();
        assertThat(order).containsExactly("close lease 3128", "remove container c1", "remove network n1");
    }

    private static Path host(ContainerSpec spec, String containerPath) {
        return spec.binds().stream().filter(m -> m.containerPath().equals(containerPath)).findFirst()
                .orElseThrow().hostPath();
    }
}
