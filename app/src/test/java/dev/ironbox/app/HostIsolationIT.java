package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.label.OwnerLabels;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The attack of issue 9: a sandbox with network access (any allowed host) connects straight to a service on the host
 * — at its network's gateway and at every other IPv4 address of the host — instead of going through its proxy. A
 * plain TCP server in this JVM listens on all of them and counts connections. The host firewall must let the sandbox
 * reach its own proxy listener and nothing else: the server sees no connection, from a run and from an attached
 * session. One subclass per engine; nothing is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class HostIsolationIT {

    /** Tries each target; prints what it reached. The gateway and the proxy port come from the proxy variables. */
    private static final String PROBE = String.join("\n",
            "gw=${http_proxy#http://}; proxy_port=${gw##*:}; gw=${gw%:*}",
            "for target in $gw $TARGETS; do",
            "  nc -w 2 $target $SERVICE_PORT </dev/null >/dev/null 2>&1 && echo \"REACHED $target:$SERVICE_PORT\"",
            "done",
            "nc -w 2 $gw $proxy_port </dev/null >/dev/null 2>&1 && echo \"PROXY $gw:$proxy_port\"",
            "echo done");

    private ServerSocket service;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private Path workspace;
    private Ironbox ironbox;

    protected abstract String engine();

    @BeforeAll
    void setUp() throws IOException {
        service = new ServerSocket();
        service.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
        Thread acceptor = new Thread(this::accept, "host-service");
        acceptor.setDaemon(true);
        acceptor.start();
        workspace = Files.createTempDirectory("ironbox-isolation-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        ironbox = Ironbox.builder()
                .runtime(engine())
                .policy(SandboxPolicy.READ_ONLY)
                .workspace(workspace)
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(90)).build())
                .allowDomain("api.example.com")
                .build();
    }

    @AfterAll
    void tearDown() throws IOException {
        try {
            if (ironbox != null) {
                ironbox.close();
            }
        } finally {
            service.close();
            Files.deleteIfExists(workspace);
        }
        assertThat(Leftovers.ownedByThisProcess()).as("containers left behind").isEmpty();
        for (String engine : List.of("docker", "podman")) {
            try (ContainerRuntime runtime = RuntimeRegistry.fromServiceLoader().providers().stream()
                    .filter(p -> p.id().equals(engine)).findFirst().orElseThrow().create()) {
                assertThat(runtime.networks().listByLabel(OwnerLabels.OWNER_PID,
                        Long.toString(ProcessHandle.current().pid()))).as("networks left on %s", engine).isEmpty();
            }
        }
    }

    @Test
    void aNetworkedRunReachesItsProxyButNoServiceOnTheHost() throws Exception {
        RunResult result = ironbox.run(ironbox.request(List.of("sh", "-c", PROBE))
                .withEnv(probeEnvironment()), chunk -> {});

        assertIsolated(result.stdout() + result.stderr());
    }

    @Test
    void aNetworkedSessionReachesItsProxyButNoServiceOnTheHost() throws Exception {
        try (IronboxSession session = ironbox.session()) {
            RunResult result = session.exec("sh", "-c", "export TARGETS='" + targets() + "' SERVICE_PORT="
                    + service.getLocalPort() + "; " + PROBE);

            assertIsolated(result.stdout() + result.stderr());
        }
    }

    private void assertIsolated(String output) {
        assertThat(output).as("the probe finished").contains("done");
        assertThat(output).as("the sandbox reaches its own proxy listener").contains("PROXY ");
        assertThat(output).as("host services reached").doesNotContain("REACHED");
        assertThat(accepted).as("connections the host service accepted").isEmpty();
    }

    private java.util.Map<String, String> probeEnvironment() throws SocketException {
        return java.util.Map.of("TARGETS", targets(), "SERVICE_PORT", Integer.toString(service.getLocalPort()));
    }

    /** Every IPv4 address of this host: the sandbox bridges', the engines' default bridges', the uplink's. */
    private static String targets() throws SocketException {
        List<String> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    addresses.add(address.getHostAddress());
                }
            }
        }
        assertThat(addresses).as("the host's IPv4 addresses").isNotEmpty();
        return addresses.stream().distinct().collect(Collectors.joining(" "));
    }

    private void accept() {
        while (!service.isClosed()) {
            try (Socket socket = service.accept()) {
                accepted.add(String.valueOf(socket.getRemoteSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }
}
