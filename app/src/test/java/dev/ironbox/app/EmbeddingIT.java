package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxKind;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.SandboxUser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java entry point against the real engine. */
class EmbeddingIT {

    private static final Path WORKSPACE = Path.of("target", "embedding-it-workspace").toAbsolutePath();

    @AfterEach
    void leavesNoContainer() {
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @Test
    void oneIronboxRunsManyCommandsWithItsDefaults() throws Exception {
        Files.createDirectories(WORKSPACE);
        try (Ironbox ironbox = Ironbox.builder()
                .runtime("docker")
                .policy(SandboxPolicy.WORKSPACE_WRITE)
                .workspace(WORKSPACE)
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(30)).build())
                .env("GREETING", "hi")
                .allowFullAccess(false)
                .build()) {
            RunResult first = ironbox.run("sh", "-c", "echo $GREETING; pwd; id -u");
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout()).isEqualTo("hi\n/workspace\n" + SandboxUser.current().uid() + "\n");
            assertThat(first.runtime()).isEqualTo("docker");
            assertThat(first.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);

            List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
            RunResult second = ironbox.run(List.of("sh", "-c", "echo oops >&2; exit 7"), chunks::add);
            assertThat(second.exitCode()).isEqualTo(7);
            assertThat(second.stderr()).isEqualTo("oops\n");
            assertThat(chunks).extracting(OutputChunk::stream).containsOnly(StreamType.STDERR);
            assertThat(chunks.stream().map(c -> new String(c.bytes(), StandardCharsets.UTF_8)))
                    .containsExactly("oops\n");
        }
    }

    @Test
    void aTimeoutIsAValue() throws Exception {
        Files.createDirectories(WORKSPACE);
        try (Ironbox ironbox = Ironbox.builder().workspace(WORKSPACE)
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(1)).build()).build()) {
            RunResult result = ironbox.run("sleep", "30");
            assertThat(result.timedOut()).isTrue();
            assertThat(result.duration()).isLessThan(Duration.ofSeconds(15));
        }
    }

    /**
     * The Java API's network wiring on each engine: a run allowed one host reaches it through the egress proxy (a
     * server on the host's loopback, which only the proxy can reach), with the credential added on the way and only
     * the placeholder and the CA files inside; another host is denied; the result lists both decisions; the run's
     * network is gone afterwards. (The full egress matrix is in the Egress ITs.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void aRunReachesAnAllowedHostThroughTheProxyWithTheCredentialAdded(String engine) throws Exception {
        Files.createDirectories(WORKSPACE);
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(String.valueOf(exchange.getRequestHeaders().getFirst("x-test-key")));
            byte[] body = "hello from the host".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        String secret = "s3cret-" + System.nanoTime();
        try (Ironbox ironbox = Ironbox.builder()
                .runtime(engine)
                .workspace(WORKSPACE)
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(60)).build())
                .defaultDomains(false)
                .allowDomain("127.0.0.1:" + port)
                .credential(CredentialMapping.header("127.0.0.1", "TEST_KEY", "x-test-key"))
                .secrets(name -> name.equals("TEST_KEY") ? Optional.of(secret) : Optional.empty())
                .build()) {
            RunResult result = ironbox.run("sh", "-c", "wget -q -O- http://127.0.0.1:" + port + "/; echo;"
                    + " wget -q -O- http://denied.example/ 2>&1; echo \"denied=$?\"; echo \"key=$TEST_KEY\";"
                    + " head -1 /etc/ironbox/ca.pem; test -r /etc/ironbox/truststore.p12 && echo truststore;"
                    + " cat /proc/self/environ | tr '\\0' '\\n' | grep -c " + secret + " || true");

            assertThat(result.exitCode()).as(result.combinedOutput()).isZero();
            assertThat(result.stdout()).startsWith("hello from the host\n")
                    .contains("denied=1", "key=ironbox-placeholder-TEST_KEY", "-----BEGIN CERTIFICATE-----",
                            "truststore")
                    .doesNotContain(secret);
            assertThat(result.stdout().strip()).endsWith("0");
            assertThat(received).containsExactly(secret);
            assertThat(result.network()).extracting(NetworkEvent::host, NetworkEvent::port, NetworkEvent::allowed,
                            NetworkEvent::credentialInjected)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("127.0.0.1", port, true, true),
                            org.assertj.core.groups.Tuple.tuple("denied.example", 80, false, false));
        } finally {
            server.stop(0);
        }
        try (ContainerRuntime runtime = RuntimeRegistry.fromServiceLoader().find(engine).orElseThrow().create()) {
            assertThat(runtime.networks().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid()))
                    .as("networks left behind").isEmpty();
        }
    }

    /** The delegates of the inventory and the images: the session just started and the default image are listed. */
    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void imagesAndSandboxesAreListed(String engine) throws Exception {
        Files.createDirectories(WORKSPACE);
        try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(WORKSPACE).build();
                IronboxSession session = ironbox.session()) {
            assertThat(ironbox.images()).flatExtracting(ImageSummary::tags).contains(SandboxSettings.DEFAULT_IMAGE);
            assertThat(ironbox.sandboxes()).filteredOn(s -> s.sessionId().equals(Optional.of(session.id())))
                    .singleElement().satisfies(s -> {
                        assertThat(s.kind()).isEqualTo(SandboxKind.SESSION);
                        assertThat(s.container()).isEqualTo(session.info().container());
                        assertThat(s.running()).isTrue();
                        assertThat(s.ownerAlive()).isTrue();
                    });
        }
    }
}
