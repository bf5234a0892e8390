package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.image.BusyboxRootfs;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.HostFirewallPort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Sandbox networks on a real engine and a real network path: a hardened container on an internal network reaches a
 * server the host runs on the network's gateway, but not a server "outside" the host ({@link UpstreamNamespace}),
 * which a container on an ordinary bridge network does reach (the control). Engine-neutral but for the ordinary
 * network, which {@link #createOrdinaryNetwork} makes. Never skips; needs root for the namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class SandboxNetworkContract {

    private static final int UPSTREAM_PORT = 18080;
    private static final String UPSTREAM_BODY = "ironbox-upstream-" + UUID.randomUUID();
    private static final String HOST_BODY = "ironbox-gateway-" + UUID.randomUUID();

    private ContainerRuntime runtime;
    private UpstreamNamespace upstream;

    protected abstract ContainerRuntime connect();

    /** Creates an ordinary (not internal) bridge network carrying {@code labels}; the engine picks the subnet. */
    protected abstract String createOrdinaryNetwork(String name, Map<String, String> labels);

    protected abstract void removeOrdinaryNetwork(String id);

    @BeforeAll
    void setUp() throws Exception {
        runtime = connect();
        if (!runtime.images().exists(SandboxSettings.DEFAULT_IMAGE)) {
            runtime.images().importRootfs(SandboxSettings.DEFAULT_IMAGE,
                    new ByteArrayInputStream(BusyboxRootfs.buildTar()));
        }
        upstream = UpstreamNamespace.open();
        upstream.serve(UPSTREAM_PORT, UPSTREAM_BODY);
    }

    @AfterAll
    void tearDown() {
        try {
            if (upstream != null) {
                upstream.close();
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    @AfterEach
    void leavesNothingBehind() {
        assertThat(RemovalGrace.awaitNone(
                () -> runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())))
                .as("containers left behind").isEmpty();
        assertThat(RemovalGrace.awaitNone(
                () -> runtime.networks().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())))
                .as("networks left behind").isEmpty();
    }

    @Test
    void aSandboxOnAnInternalNetworkReachesTheHostsGatewayButNothingBeyondTheHost() throws Exception {
        SandboxNetwork network = runtime.networks().createInternal(name("internal"), labels());
        try {
            assertThat(runtime.networks().listByLabel(OwnerLabels.MANAGED, "true")).contains(network.id());
            // binding proves the host has the gateway address: the egress proxy will listen there
            HttpServer host = serve(network.gateway(), HOST_BODY);
            try {
                ContainerId sandbox = startSandbox(network.name());
                try {
                    Probe gateway = fetch(sandbox, network.gateway().getHostAddress(), host.getAddress().getPort());
                    assertThat(gateway.output()).as("the host's server on the gateway").contains(HOST_BODY);
                    assertThat(gateway.exit()).isZero();

                    Probe outside = fetch(sandbox, UpstreamNamespace.ADDRESS, UPSTREAM_PORT);
                    assertThat(outside.output()).as("a server outside the host").doesNotContain(UPSTREAM_BODY);
                    assertThat(outside.exit()).isNotZero();

                    Probe dns = sh(sandbox, "timeout 12 nslookup example.com");
                    assertThat(dns.output()).as("a name resolved beyond the host").doesNotContain("NXDOMAIN")
                            .doesNotContain("Name:");
                    assertThat(dns.exit()).isNotZero();

                    System.out.printf("[%s] internal network %s, gateway %s%n%s%n-- nslookup example.com --%n%s%n",
                            runtime.id(), network.name(), network.gateway().getHostAddress(),
                            sh(sandbox, "echo '-- resolv.conf --'; cat /etc/resolv.conf; echo '-- routes --';"
                                    + " ip route; echo '-- addresses --'; ip -4 addr show eth0").output(),
                            dns.output());
                } finally {
                    runtime.lifecycle().remove(sandbox);
                }
            } finally {
                host.stop(0);
            }
        } finally {
            runtime.networks().remove(network.id());
        }
        assertThat(runtime.networks().listByLabel(OwnerLabels.MANAGED, "true")).doesNotContain(network.id());
    }

    /** The control: without {@code internal}, the same sandbox reaches the outside server over the same route. */
    @Test
    void aSandboxOnAnOrdinaryBridgeNetworkReachesTheServerOutsideTheHost() throws Exception {
        String name = name("ordinary");
        String id = createOrdinaryNetwork(name, labels());
        try {
            ContainerId sandbox = startSandbox(name);
            try {
                Probe outside = fetch(sandbox, UpstreamNamespace.ADDRESS, UPSTREAM_PORT);
                assertThat(outside.output()).as("a server outside the host, from an ordinary network")
                        .contains(UPSTREAM_BODY);
                assertThat(outside.exit()).isZero();
            } finally {
                runtime.lifecycle().remove(sandbox);
            }
        } finally {
            removeOrdinaryNetwork(id);
        }
    }

    @Test
    void removingRefusesANetworkInUseAndIsIdempotent() throws Exception {
        SandboxNetwork network = runtime.networks().createInternal(name("in-use"), labels());
        try {
            ContainerId sandbox = startSandbox(network.name());
            try {
                assertThatThrownBy(() -> runtime.networks().remove(network.id()))
                        .isInstanceOf(ContainerFailureException.class)
                        .hasMessageContaining(network.id())
                        .hasMessageContaining("in use");
                // still usable after the refusal
                assertThat(sh(sandbox, "true").exit()).isZero();
            } finally {
                runtime.lifecycle().remove(sandbox);
            }
            // the gateway stays on the host after the last sandbox left, for the next one's proxy
            serve(network.gateway(), HOST_BODY).stop(0);
        } finally {
            runtime.networks().remove(network.id());
        }
        runtime.networks().remove(network.id());
        runtime.networks().remove("ironbox-no-such-network-" + UUID.randomUUID());
    }

    @Test
    void aNetworkAskedForANamedBridgeHasItsGatewayOnThatHostInterface() throws Exception {
        assertThat(runtime.networks().namesHostInterfaces()).as("the runtime names its networks' bridges").isTrue();
        String hostInterface = HostFirewallPort.INTERFACE_PREFIX
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SandboxNetwork network = runtime.networks().createInternal(name("named"), hostInterface, labels());
        try {
            assertThat(network.hostInterface()).isEqualTo(hostInterface);
            NetworkInterface bridge = NetworkInterface.getByName(hostInterface);
            assertThat(bridge).as("host interface %s", hostInterface).isNotNull();
            assertThat(Collections.list(bridge.getInetAddresses())).contains(network.gateway());
        } finally {
            runtime.networks().remove(network.id());
        }
        assertThat(NetworkInterface.getByName(hostInterface)).as("the bridge goes with its network").isNull();
    }

    // ---- helpers ----

    record Probe(int exit, String output) {}

    private static String name(String purpose) {
        return "ironbox-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, String> labels() {
        return Map.of(OwnerLabels.MANAGED, "true", OwnerLabels.OWNER_PID, OwnerLabels.currentPid());
    }

    /** A sandbox hardened like a real run's (the TCK's long-running spec) but on network {@code network}. */
    private ContainerId startSandbox(String network) {
        ContainerSpec spec = ContainerSpec.builder()
                .name("ironbox-it-" + UUID.randomUUID())
                .image(SandboxSettings.DEFAULT_IMAGE)
                .command(List.of("sleep", "600"))
                .workingDir("/")
                .user("1000:1000")
                .labels(OwnerLabels.forCurrentProcess("network"))
                .addTmpfs(new TmpfsMount("/tmp", 16L << 20))
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .noNewPrivileges(true)
                .memoryBytes(64L << 20)
                .memorySwapBytes(64L << 20)
                .nanoCpus(500_000_000L)
                .pidsLimit(64)
                .init(true)
                .networkMode(network)
                .build();
        ContainerId id = runtime.containers().create(spec);
        try {
            runtime.lifecycle().start(id);
        } catch (RuntimeException e) {
            runtime.lifecycle().remove(id);
            throw e;
        }
        return id;
    }

    /** A plain HTTP/1.0 GET by {@code nc}, which gives up connecting after 5 s. */
    private Probe fetch(ContainerId sandbox, String address, int port) throws InterruptedException {
        return sh(sandbox, "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + address + " " + port);
    }

    private Probe sh(ContainerId sandbox, String script) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecSpec exec = ExecSpec.builder().command(List.of("sh", "-c", script)).env(Map.of()).workingDir("/")
                .build();
        OptionalInt exit = runtime.exec().exec(sandbox, exec, chunk -> {
            synchronized (out) {
                out.writeBytes(chunk.bytes());
            }
        }, Duration.ofSeconds(30));
        synchronized (out) {
            String output = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as("exit of '%s' (output so far: %s)", script, output).isPresent();
            return new Probe(exit.getAsInt(), output);
        }
    }

    private static HttpServer serve(InetAddress address, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        server.start();
        return server;
    }
}
