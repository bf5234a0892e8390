package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.app.egress.CurlImage;
import dev.ironbox.app.egress.EgressBenchmark;
import dev.ironbox.app.egress.HeapSampler;
import dev.ironbox.app.egress.TestCertificates;
import dev.ironbox.app.egress.Upstream;
import dev.ironbox.app.egress.Upstream.Recorded;
import dev.ironbox.app.egress.UpstreamNetns;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import dev.ironbox.core.label.OwnerLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Egress end to end, on a real engine and a real network path: {@link Ironbox} runs the host's curl (image
 * {@link CurlImage#IMAGE}) in a hardened sandbox whose only way out is the egress proxy in this JVM, against
 * {@link Upstream}, a plain HTTP and HTTPS server "outside" the host in the network namespace of
 * {@code scripts/test-upstream.sh} at {@value UpstreamNetns#ADDRESS} (a private address: the allowlist names it
 * explicitly). The proxy trusts the upstream's test CA ({@code upstreamCa}); a blind tunnel's curl gets it with
 * {@code --cacert} from the workspace. Secrets come from a resolver holding one test value.
 *
 * <p>One subclass per engine; nothing is skipped: a missing engine, namespace or curl fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class EgressEndToEndIT {

    private static final String UP = UpstreamNetns.ADDRESS;
    private static final String SECRET_NAME = "IRONBOX_IT_TOKEN";
    private static final String PLACEHOLDER = "ironbox-placeholder-" + SECRET_NAME;
    private static final String CA_IN_SANDBOX = "/workspace/upstream-ca.pem";
    private static final long LARGE = 100L * 1024 * 1024;
    /** Retained heap growth allowed during two 100 MB downloads: far below the body, far above Jetty's buffers. */
    private static final long HEAP_GROWTH_BOUND = 32L << 20;
    private static final List<String> ENGINES = List.of("docker", "podman");
    /** Files the secret search must cover: the image's, the workspace's, the proxy CA's, a tmpfs. */
    private static final List<String> SEARCHED = List.of("/usr/bin/curl", "/etc/passwd", CA_IN_SANDBOX,
            "/etc/ironbox/ca-bundle.pem", "/tmp/control.txt");

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String secret = "ibx-it-secret-" + UUID.randomUUID().toString().replace("-", "");

    private final EgressPolicy plain = EgressPolicy.of(List.of(UP), List.of());
    private final EgressPolicy bearer = EgressPolicy.of(List.of(UP),
            List.of(CredentialMapping.bearer(UP, SECRET_NAME)));
    private final EgressPolicy header = EgressPolicy.of(List.of(UP),
            List.of(CredentialMapping.header(UP, SECRET_NAME, "X-Api-Key")));

    private Path workspace;
    private Path privateDir;
    private UpstreamNetns namespace;
    private Upstream upstream;
    private Ironbox ironbox;
    /** Managed networks each engine had before this class ran (another process's, or a crashed run's). */
    private final Map<String, Set<String>> networksBefore = new HashMap<>();

    /** {@code docker} or {@code podman}. */
    protected abstract String engine();

    @BeforeAll
    void setUp() throws Exception {
        for (String engine : ENGINES) {
            try (ContainerRuntime runtime = connect(engine)) {
                networksBefore.put(engine, new HashSet<>(managedNetworks(runtime)));
                if (engine.equals(engine())) {
                    CurlImage.ensure(runtime);
                }
            }
        }
        // the sandbox is not root (SandboxUser): the workspace and the CA file in it must be readable by others
        workspace = Files.createTempDirectory("ironbox-egress-it-ws-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        privateDir = Files.createTempDirectory("ironbox-egress-it-");
        namespace = UpstreamNetns.open();
        TestCertificates certificates = TestCertificates.create(workspace, privateDir, UpstreamNetns.address());
        Files.setPosixFilePermissions(certificates.caPem(), PosixFilePermissions.fromString("rw-r--r--"));
        upstream = Upstream.start(certificates, privateDir);
        ironbox = Ironbox.builder()
                .runtime(engine())
                .image(CurlImage.IMAGE)
                .pullMissingImages(false)
                .policy(SandboxPolicy.READ_ONLY)
                .workspace(workspace)
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(150)).build())
                .egress(plain)
                .upstreamCa(certificates.caPem())
                .secrets(name -> name.equals(SECRET_NAME) ? Optional.of(secret) : Optional.empty())
                .build();
    }

    @AfterAll
    void tearDown() throws IOException {
        try {
            if (ironbox != null) {
                ironbox.close();
            }
        } finally {
            try {
                if (upstream != null) {
                    upstream.close();
                }
            } finally {
                if (namespace != null) {
                    namespace.close();
                }
                for (Path dir : new Path[] {workspace, privateDir}) {
                    deleteTree(dir);
                }
            }
        }
    }

    @AfterEach
    void everyRunLeftNothingBehind() {
        assertThat(Leftovers.afterBackgroundRemovals(Leftovers::ownedByThisProcess, List::isEmpty))
                .as("containers left behind").isEmpty();
        assertThat(Leftovers.afterBackgroundRemovals(this::ourManagedNetworks, Map::isEmpty))
                .as("networks left behind").isEmpty();
    }

    @Test
    @Order(1)
    void allowedHttpAndHttpsRequestsSucceedThroughTheProxy() throws Exception {
        String http = "/allowed/" + id + "-http";
        String https = "/allowed/" + id + "-https";
        RunResult result = run(plain, "curl -sS -m 20 " + upstream.httpUrl(http)
                + " && curl -sS -m 20 --cacert " + CA_IN_SANDBOX + " " + upstream.httpsUrl(https)
                + " && echo \"proxy: $https_proxy\"");

        assertThat(result.exitCode()).as(describe(result)).isZero();
        assertThat(result.stdout()).contains("upstream saw GET " + http + " over http\n")
                .contains("upstream saw GET " + https + " over https\n")
                .containsPattern("proxy: http://[0-9.]+:[0-9]+");
        assertThat(upstream.recorded(http)).singleElement().extracting(Recorded::scheme).isEqualTo("http");
        assertThat(upstream.recorded(https)).singleElement().extracting(Recorded::scheme).isEqualTo("https");
        assertThat(result.network()).as("the run's network events")
                .anySatisfy(e -> {
                    assertThat(e.method()).isEqualTo("GET");
                    assertThat(e.host()).isEqualTo(UP);
                    assertThat(e.port()).isEqualTo(80);
                    assertThat(e.allowed()).isTrue();
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.credentialInjected()).isFalse();
                })
                .anySatisfy(e -> {
                    assertThat(e.method()).isEqualTo("CONNECT");
                    assertThat(e.host()).isEqualTo(UP);
                    assertThat(e.port()).isEqualTo(443);
                    assertThat(e.allowed()).isTrue();
                    assertThat(e.bytesDown()).isPositive();
                });
        print("allowed", result.network());
    }

    @Test
    @Order(2)
    void aDeniedHostGets403WithTheReason() throws Exception {
        RunResult result = run(plain,
                "curl -s -m 20 -o - -w '\\nhttp_code=%{http_code}\\n' http://example.com/denied-" + id
                        + "; curl -s -m 20 -o /dev/null -w 'connect_code=%{http_connect}\\n' https://example.com/"
                        + "; echo \"https_exit=$?\""
                        + "; curl -s -m 20 -o - -w '\\nport_code=%{http_code}\\n' http://" + UP + ":8080/port-" + id);

        assertThat(result.stdout()).as(describe(result))
                .contains("example.com is not on the allowlist")
                .contains("http_code=403")
                .contains("connect_code=403")
                .doesNotContain("https_exit=0")
                .contains("port 8080 is not allowed for " + UP)
                .contains("port_code=403");
        assertThat(upstream.recorded("/port-" + id)).isEmpty();
        assertThat(result.network()).as("the run's network events")
                .anySatisfy(e -> {
                    assertThat(e.host()).isEqualTo("example.com");
                    assertThat(e.port()).isEqualTo(80);
                    assertThat(e.allowed()).isFalse();
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.reason()).contains("not on the allowlist");
                })
                .anySatisfy(e -> {
                    assertThat(e.method()).isEqualTo("CONNECT");
                    assertThat(e.host()).isEqualTo("example.com");
                    assertThat(e.allowed()).isFalse();
                })
                .anySatisfy(e -> {
                    assertThat(e.host()).isEqualTo(UP);
                    assertThat(e.port()).isEqualTo(8080);
                    assertThat(e.allowed()).isFalse();
                })
                .noneSatisfy(e -> assertThat(e.allowed()).isTrue());
        print("denied", result.network());
    }

    @Test
    @Order(3)
    void aDirectConnectionThatIgnoresTheProxyFails() throws Exception {
        String control = "/direct/" + id + "-control";
        RunResult result = run(plain,
                "curl -sS -m 10 --noproxy '*' " + upstream.httpUrl("/direct/" + id + "-http")
                        + "; echo \"http_exit=$?\""
                        + "; curl -sS -m 10 --noproxy '*' --cacert " + CA_IN_SANDBOX + " "
                        + upstream.httpsUrl("/direct/" + id + "-https") + "; echo \"https_exit=$?\""
                        + "; printf 'GET /direct/" + id + "-nc HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + UP + " 80"
                        + "; echo \"nc_exit=$?\""
                        + "; curl -sS -m 20 " + upstream.httpUrl(control) + "; echo \"control_exit=$?\"");

        String out = result.stdout();
        assertThat(exitOf(out, "http_exit")).as(describe(result)).isNotZero();
        assertThat(exitOf(out, "https_exit")).as(describe(result)).isNotZero();
        assertThat(exitOf(out, "nc_exit")).as(describe(result)).isNotZero();
        assertThat(exitOf(out, "control_exit")).as("through the proxy, the same upstream answers: "
                + describe(result)).isZero();
        assertThat(out).contains("upstream saw GET " + control + " over http");
        assertThat(upstream.recorded()).extracting(Recorded::path)
                .contains(control)
                .doesNotContain("/direct/" + id + "-http", "/direct/" + id + "-https", "/direct/" + id + "-nc");
        assertThat(result.network()).as("only the control went through the proxy").singleElement()
                .satisfies(e -> assertThat(e.allowed()).isTrue());
        System.out.printf("[egress %s] around the proxy: curl http exit %d, curl https exit %d, nc exit %d; through it:"
                + " exit 0%n", engine(), exitOf(out, "http_exit"), exitOf(out, "https_exit"), exitOf(out, "nc_exit"));
    }

    @Test
    @Order(4)
    void aNameThatResolvesToLoopbackIsDenied() throws Exception {
        EgressPolicy withLocalhost = EgressPolicy.of(List.of(UP, "localhost"), List.of());
        // --proxy/--noproxy '' make sure curl asks the proxy even for "localhost"
        RunResult result = run(withLocalhost,
                "curl -s -m 20 --proxy \"$http_proxy\" --noproxy '' -o - -w '\\nhttp_code=%{http_code}\\n'"
                        + " http://localhost/loopback-" + id
                        + "; curl -s -m 20 --proxy \"$https_proxy\" --noproxy '' -o /dev/null"
                        + " -w 'connect_code=%{http_connect}\\n' https://localhost/"
                        + "; curl -s -m 20 -o - -w '\\nliteral_code=%{http_code}\\n' http://127.0.0.1/");

        assertThat(result.stdout()).as(describe(result))
                .containsPattern("localhost resolves to (127\\.0\\.0\\.1|::1) \\(a private address\\)")
                .contains("only an allowlist entry naming that address or range allows it")
                .contains("http_code=403")
                .contains("connect_code=403")
                .contains("127.0.0.1 is not on the allowlist")
                .contains("literal_code=403");
        assertThat(result.network()).as("the run's network events")
                .filteredOn(e -> e.host().equals("localhost")).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(e -> {
                    assertThat(e.allowed()).isFalse();
                    assertThat(e.reason()).contains("resolves to");
                });
        assertThat(result.network()).noneSatisfy(e -> assertThat(e.allowed()).isTrue());
        print("loopback", result.network());
    }

    @Test
    @Order(5)
    void aBearerCredentialArrivesUpstreamWhileTheSandboxSeesOnlyThePlaceholder() throws Exception {
        checkCredential(bearer, "Authorization", "Bearer ");
    }

    @Test
    @Order(6)
    void aHeaderCredentialArrivesUpstreamWhileTheSandboxSeesOnlyThePlaceholder() throws Exception {
        checkCredential(header, "X-Api-Key", "");
    }

    private void checkCredential(EgressPolicy policy, String headerName, String prefix) throws Exception {
        String kind = headerName.toLowerCase();
        String base = "/cred/" + id + "-" + kind;
        String control = "ibx-it-control-" + UUID.randomUUID().toString().replace("-", "");
        String script = String.join("\n",
                // the proxy adds the credential...
                "curl -sS -m 20 " + upstream.httpUrl(base + "-http-added") + " || echo curl_failed",
                // ...or replaces the placeholder an SDK sends
                "curl -sS -m 20 -H \"" + headerName + ": " + prefix + "$" + SECRET_NAME + "\" "
                        + upstream.httpUrl(base + "-http-placeholder") + " || echo curl_failed",
                // HTTPS: the proxy terminates TLS; curl trusts its CA through CURL_CA_BUNDLE
                "curl -sS -m 20 " + upstream.httpsUrl(base + "-https-added") + " || echo curl_failed",
                "curl -sS -m 20 -H \"" + headerName + ": " + prefix + "$" + SECRET_NAME + "\" "
                        + upstream.httpsUrl(base + "-https-placeholder") + " || echo curl_failed",
                "echo '--- env'; env",
                "echo '--- /proc/self/environ'; tr '\\0' '\\n' < /proc/self/environ",
                "echo '--- /proc/1/environ'; tr '\\0' '\\n' < /proc/1/environ 2>&1",
                "echo '--- files'",
                // a control file grep must find, proving the search reads files
                "echo " + control + " > /tmp/control.txt",
                "timeout 60 find / \\( -path /proc -o -path /sys \\) -prune -o -type f -print > /tmp/files.txt"
                        + " 2>/dev/null",
                "echo \"files=$(wc -l < /tmp/files.txt)\"",
                "for f in " + String.join(" ", SEARCHED) + "; do grep -qx \"$f\" /tmp/files.txt"
                        + " && echo \"listed $f\"; done",
                // the patterns match the secret and the control, but not their own text on this command line
                "timeout 90 find / \\( -path /proc -o -path /sys \\) -prune -o -type f -exec grep -l"
                        + " -e '" + unmatchable(secret) + "' -e '" + unmatchable(control) + "' {} + 2>/dev/null",
                "echo \"grep_status=$?\"");
        RunResult result = run(policy, script);
        String out = result.stdout();

        assertThat(result.exitCode()).as(describe(result)).isZero();
        assertThat(out).as(describe(result)).doesNotContain("curl_failed")
                .contains("upstream saw GET " + base + "-http-added over http")
                .contains("upstream saw GET " + base + "-https-placeholder over https");
        for (String variant : List.of("-http-added", "-http-placeholder", "-https-added", "-https-placeholder")) {
            List<Recorded> seen = upstream.recorded(base + variant);
            assertThat(seen).as(variant).hasSize(1);
            Recorded request = seen.get(0);
            assertThat(request.scheme()).isEqualTo(variant.startsWith("-https") ? "https" : "http");
            assertThat(request.header(headerName)).as("%s upstream", variant).containsExactly(prefix + secret);
            assertThat(request.headers()).as("%s upstream", variant).noneMatch(h -> h.contains(PLACEHOLDER));
        }

        // what the sandbox saw: the placeholder, never the secret
        assertThat(out + result.stderr()).doesNotContain(secret);
        assertThat(section(out, "--- env")).contains(SECRET_NAME + "=" + PLACEHOLDER)
                .contains("CURL_CA_BUNDLE=");
        assertThat(section(out, "--- /proc/self/environ")).contains(SECRET_NAME + "=" + PLACEHOLDER);
        assertThat(section(out, "--- /proc/1/environ")).doesNotContain("ibx-it-secret-");
        String files = section(out, "--- files");
        Matcher count = Pattern.compile("files=(\\d+)").matcher(files);
        assertThat(count.find()).as(files).isTrue();
        assertThat(Integer.parseInt(count.group(1))).as("files searched").isGreaterThan(30);
        assertThat(files.lines().filter(l -> l.startsWith("listed ")).map(l -> l.substring(7)).toList())
                .as("files the search covers").containsExactlyElementsOf(SEARCHED);
        assertThat(files.lines().filter(l -> l.startsWith("/")).toList()).as("files holding the secret or the control")
                .containsExactly("/tmp/control.txt");
        assertThat(files).doesNotContain("grep_status=124").doesNotContain("grep_status=143");

        assertThat(result.network()).as("the run's network events")
                .anySatisfy(e -> {
                    assertThat(e.port()).isEqualTo(80);
                    assertThat(e.credentialInjected()).isTrue();
                })
                .anySatisfy(e -> {
                    assertThat(e.port()).isEqualTo(443);
                    assertThat(e.credentialInjected()).isTrue();
                })
                .noneSatisfy(e -> assertThat(e.reason()).contains(secret));
        System.out.printf("[egress %s] %s credential: upstream got it on 4 requests (HTTP and HTTPS); the sandbox"
                + " searched %s files, /proc/self/environ and /proc/1/environ and saw only %s%n", engine(),
                kind, count.group(1), PLACEHOLDER);
        print(kind + " credential", result.network());
    }

    @Test
    @Order(7)
    void a100MbDownloadStreamsThroughTheProxyWithoutGrowingItsHeap() throws Exception {
        String n = "/bytes?n=" + LARGE;
        String download = "curl -sS -m 120 -o /dev/null -w 'size=%{size_download} speed=%{speed_download}\\n' ";
        HeapSampler.Growth growth;
        RunResult tunnel;
        RunResult mitm;
        try (HeapSampler sampler = HeapSampler.start(Duration.ofMillis(250))) {
            tunnel = run(plain, download + upstream.httpUrl(n) + " && " + download + "--cacert " + CA_IN_SANDBOX
                    + " " + upstream.httpsUrl(n));
            mitm = run(bearer, download + upstream.httpsUrl(n));
            growth = sampler.stop();
        }
        for (RunResult result : List.of(tunnel, mitm)) {
            assertThat(result.exitCode()).as(describe(result)).isZero();
            assertThat(result.stdout().lines().filter(l -> l.startsWith("size=")).toList()).as(describe(result))
                    .isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("size=" + LARGE + " "));
        }
        assertThat(tunnel.network()).anySatisfy(e -> {
            assertThat(e.port()).isEqualTo(80);
            assertThat(e.bytesDown()).isGreaterThanOrEqualTo(LARGE);
        }).anySatisfy(e -> {
            assertThat(e.port()).isEqualTo(443);
            assertThat(e.bytesDown()).isGreaterThanOrEqualTo(LARGE);
        });
        System.out.printf("[egress %s] 3 x 100 MiB through the proxy (HTTP forward, HTTPS tunnel, HTTPS with"
                        + " credential): proxy JVM heap retained after GC: before %.1f MiB, max during %.1f MiB,"
                        + " growth %.1f MiB (%d samples; bound %d MiB)%n", engine(), mib(growth.baseline()),
                mib(growth.max()), mib(growth.growth()), growth.samples(), HEAP_GROWTH_BOUND >> 20);
        assertThat(growth.samples()).isGreaterThan(3);
        assertThat(growth.growth()).as("heap growth").isLessThan(HEAP_GROWTH_BOUND);
    }

    @Test
    @Order(8)
    void printsTheProxysAddedLatencyAndThroughputBesideADirectConnection() throws Exception {
        EgressBenchmark benchmark = new EgressBenchmark(upstream, CA_IN_SANDBOX, LARGE);
        RunResult tunnel = run(plain, benchmark.sandboxScript(false));
        assertThat(tunnel.exitCode()).as(describe(tunnel)).isZero();
        assertThat(tunnel.stdout()).as(describe(tunnel)).doesNotContain("failed");
        RunResult mitm = run(bearer, benchmark.sandboxScript(true));
        assertThat(mitm.exitCode()).as(describe(mitm)).isZero();
        assertThat(mitm.stdout()).as(describe(mitm)).doesNotContain("failed");
        EgressBenchmark.Figures proxied = EgressBenchmark.Figures.parse(tunnel.stdout() + mitm.stdout());
        EgressBenchmark.Figures direct = benchmark.direct(workspace.resolve("upstream-ca.pem"));
        for (String line : benchmark.report(engine(), proxied, direct)) {
            System.out.println(line);
        }
        assertThat(proxied.latencies().values()).allSatisfy(l -> assertThat(l).hasSize(EgressBenchmark.REQUESTS));
        assertThat(direct.latencies().values()).allSatisfy(l -> assertThat(l).hasSize(EgressBenchmark.REQUESTS));
    }

    /**
     * The "Done when", through the shaded jar: {@code ironbox run --allow-domain HOST -- curl -s https://HOST/}
     * succeeds while the same with {@code --noproxy '*'} fails; {@code --credential} reads the secret from the CLI's
     * environment, and {@code --json} carries the network events.
     */
    @Test
    @Order(9)
    void theCliReachesAnAllowedHostThroughTheProxyButNotAroundIt() throws Exception {
        String https = "/cli/" + id + "-https";
        String around = "/cli/" + id + "-around";
        String credential = "/cli/" + id + "-credential";
        List<String> common = List.of("run", "--runtime", engine(), "--image", CurlImage.IMAGE, "--workspace",
                workspace.toString(), "--upstream-ca", workspace.resolve("upstream-ca.pem").toString(),
                "--timeout", "60s", "--allow-domain", UP);

        CliRun allowed = cli(common, "--", "curl", "-s", "-m", "20", "--cacert", CA_IN_SANDBOX,
                upstream.httpsUrl(https));
        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(allowed.stdout()).isEqualTo("upstream saw GET " + https + " over https\n");
        assertThat(upstream.recorded(https)).hasSize(1);

        CliRun bypass = cli(common, "--", "curl", "-s", "-m", "10", "--noproxy", "*", "--cacert", CA_IN_SANDBOX,
                upstream.httpsUrl(around));
        assertThat(bypass.exit()).as(bypass.toString()).isNotZero();
        assertThat(bypass.stdout()).doesNotContain("upstream saw");
        assertThat(upstream.recorded(around)).isEmpty();

        CliRun json = cli(common, "--credential", UP + "=" + SECRET_NAME + ",header=X-Api-Key", "--json", "--",
                "sh", "-c", "curl -sS -m 20 " + upstream.httpsUrl(credential) + "; echo; echo \"$" + SECRET_NAME
                        + "\"");
        assertThat(json.exit()).as(json.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode result = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.stdout());
        assertThat(result.get("exitCode").asInt()).as(json.toString()).isZero();
        assertThat(result.get("stdout").asText()).isEqualTo("upstream saw GET " + credential + " over https\n\n"
                + PLACEHOLDER + "\n");
        assertThat(json.stdout() + json.stderr()).doesNotContain(secret);
        assertThat(upstream.recorded(credential)).singleElement()
                .satisfies(r -> assertThat(r.header("X-Api-Key")).containsExactly(secret));
        assertThat(result.get("network")).as(json.stdout()).anySatisfy(event -> {
            assertThat(event.get("host").asText()).isEqualTo(UP);
            assertThat(event.get("port").asInt()).isEqualTo(443);
            assertThat(event.get("credentialInjected").asBoolean()).isTrue();
        });
        System.out.printf("[egress %s] CLI: run --allow-domain %s -- curl https://%s/... exit 0; with --noproxy '*'"
                + " exit %d; --credential ... --json: %d network events%n", engine(), UP, UP, bypass.exit(),
                result.get("network").size());
    }

    private record CliRun(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** {@code java -jar ironbox.jar ARGS...} in the workspace, with the test secret in its environment. */
    private CliRun cli(List<String> common, String... rest) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("ironbox.jar", "target/ironbox.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> argv = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
        argv.addAll(common);
        argv.addAll(List.of(rest));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workspace.toFile());
        builder.environment().remove("IRONBOX_LOG_LEVEL");
        builder.environment().remove("IRONBOX_RUNTIME");
        builder.environment().remove("IRONBOX_CONFIG");
        builder.environment().put("HOME", privateDir.toString());
        builder.environment().put(SECRET_NAME, secret);
        Path out = privateDir.resolve("cli.out");
        Path err = privateDir.resolve("cli.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
            assertThat(Leftovers.ownedBy(process.pid())).as("containers the CLI left").isEmpty();
            for (String engine : ENGINES) {
                try (ContainerRuntime runtime = connect(engine)) {
                    assertThat(runtime.networks().listByLabel(OwnerLabels.OWNER_PID, Long.toString(process.pid())))
                            .as("%s networks the CLI left", engine).isEmpty();
                }
            }
            return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    @Order(100)
    void afterwardsNoContainerAndNoNetworkOfIronboxRemainsInEitherEngine() {
        ironbox.close();
        assertThat(Leftovers.enginesAsked()).containsExactlyInAnyOrderElementsOf(ENGINES);
        assertThat(Leftovers.ownedByThisProcess()).as("containers left behind").isEmpty();
        assertThat(ourManagedNetworks()).as("networks labelled %s=true left behind", OwnerLabels.MANAGED)
                .isEmpty();
        // another process's runs (a developer's parallel build) may hold some right now: only shown, not failed
        Map<String, List<String>> others = newManagedNetworks();
        System.out.printf("[egress %s] afterwards: no container and no network labelled %s=true of this process in"
                + " %s; other processes' new ones: %s%n", engine(), OwnerLabels.MANAGED, ENGINES, others);
    }

    // ---- helpers ----

    private RunResult run(EgressPolicy policy, String script) throws InterruptedException {
        return ironbox.run(ironbox.request(List.of("sh", "-c", script)).withEgress(policy), chunk -> {});
    }

    private String describe(RunResult result) {
        return "exit " + result.exitCode() + (result.timedOut() ? " (timed out)" : "") + "\n--- stdout\n"
                + result.stdout() + "\n--- stderr\n" + result.stderr() + "\n--- network\n" + result.network();
    }

    private void print(String what, List<NetworkEvent> events) {
        System.out.printf("[egress %s] %s: %d network events%n", engine(), what, events.size());
        events.forEach(e -> System.out.printf("    %s %s:%d allowed=%s credential=%s status=%d up=%d down=%d (%s)%n",
                e.method(), e.host(), e.port(), e.allowed(), e.credentialInjected(), e.status(), e.bytesUp(),
                e.bytesDown(), e.reason()));
    }

    /** The lines after {@code marker} up to the next {@code --- } marker. */
    private static String section(String out, String marker) {
        int start = out.indexOf(marker + "\n");
        assertThat(start).as("section %s in:%n%s", marker, out).isNotNegative();
        int from = start + marker.length() + 1;
        int end = out.indexOf("\n--- ", from);
        return end < 0 ? out.substring(from) : out.substring(from, end + 1);
    }

    private static int exitOf(String out, String name) {
        Matcher m = Pattern.compile(name + "=(\\d+)").matcher(out);
        assertThat(m.find()).as("%s in:%n%s", name, out).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** A basic regex matching {@code text} whose own text does not match it: one character in brackets. */
    private static String unmatchable(String text) {
        return text.substring(0, 4) + "[" + text.charAt(4) + "]" + text.substring(5);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static ContainerRuntime connect(String engine) {
        return RuntimeRegistry.fromServiceLoader().providers().stream().filter(p -> p.id().equals(engine))
                .findFirst().map(ContainerRuntimeProvider::create)
                .orElseThrow(() -> new IllegalStateException("no runtime " + engine + " on the class path"));
    }

    private static List<String> managedNetworks(ContainerRuntime runtime) {
        return runtime.networks().listByLabel(OwnerLabels.MANAGED, "true");
    }

    /**
     * Per engine, networks labelled {@code dev.ironbox.managed=true} and owned by this process (a network another
     * process is using at the same time is not this test's); none when there are none.
     */
    private Map<String, List<String>> ourManagedNetworks() {
        Map<String, List<String>> left = new HashMap<>();
        for (String engine : ENGINES) {
            try (ContainerRuntime runtime = connect(engine)) {
                List<String> ours = new ArrayList<>(managedNetworks(runtime));
                ours.retainAll(runtime.networks().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid()));
                if (!ours.isEmpty()) {
                    left.put(engine, ours);
                }
            }
        }
        return left;
    }

    /** Per engine, managed networks that were not there before this class ran, whoever owns them. */
    private Map<String, List<String>> newManagedNetworks() {
        Map<String, List<String>> fresh = new HashMap<>();
        for (String engine : ENGINES) {
            try (ContainerRuntime runtime = connect(engine)) {
                List<String> ids = new ArrayList<>(managedNetworks(runtime));
                ids.removeAll(networksBefore.getOrDefault(engine, Set.of()));
                if (!ids.isEmpty()) {
                    fresh.put(engine, ids);
                }
            }
        }
        return fresh;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
