package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.app.egress.TestCertificates;
import dev.ironbox.app.egress.Upstream;
import dev.ironbox.app.egress.UpstreamNetns;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.label.OwnerLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's network example, as written there: the default image's busybox {@code wget} cannot fetch HTTPS through
 * the proxy (it sends {@code GET https://...} to a proxy instead of {@code CONNECT}), so a networked run that needs an
 * HTTP client uses {@code ironbox image host-tools} and the host's {@code curl}. The shaded jar builds the image, then
 * fetches from the test's upstream over HTTPS through the egress proxy, on both engines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostToolsClientCliIT {

    private static final String UP = UpstreamNetns.ADDRESS;
    private static final String IMAGE = "localhost/ironbox-it/host-tools:1";
    private static final String CA_IN_SANDBOX = "/workspace/upstream-ca.pem";

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private Path workspace;
    private Path privateDir;
    private UpstreamNetns namespace;
    private Upstream upstream;

    @BeforeAll
    void upstream() throws Exception {
        // the sandbox is not root: the workspace and the CA file in it must be readable by others
        workspace = Files.createTempDirectory("ironbox-host-tools-it-ws-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        privateDir = Files.createTempDirectory("ironbox-host-tools-it-");
        namespace = UpstreamNetns.open();
        TestCertificates certificates = TestCertificates.create(workspace, privateDir, UpstreamNetns.address());
        Files.setPosixFilePermissions(certificates.caPem(), PosixFilePermissions.fromString("rw-r--r--"));
        upstream = Upstream.start(certificates, privateDir);
    }

    @AfterAll
    void tearDown() throws IOException {
        try {
            if (upstream != null) {
                upstream.close();
            }
        } finally {
            if (namespace != null) {
                namespace.close();
            }
            for (Path dir : new Path[] {workspace, privateDir}) {
                if (dir != null) {
                    try (Stream<Path> paths = Files.walk(dir)) {
                        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(path);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void aHostToolsImageGivesANetworkedRunAWorkingHttpsClient(String engine) throws Exception {
        String path = "/host-tools/" + id + "-" + engine;

        CliRun image = cli("image", "host-tools", "--tag", IMAGE, "--runtime", engine);
        assertThat(image.exit()).as(image.toString()).isZero();

        CliRun fetch = cli("run", "--runtime", engine, "--image", IMAGE, "--allow-domain", UP, "--timeout", "60s",
                "--", "curl", "-sS", "-m", "20", "--cacert", CA_IN_SANDBOX, upstream.httpsUrl(path));
        assertThat(fetch.exit()).as(fetch.toString()).isZero();
        assertThat(fetch.stdout()).isEqualTo("upstream saw GET " + path + " over https\n");
        assertThat(upstream.recorded(path)).as("the upstream saw the request once").hasSize(1);
        System.out.printf("[host-tools %s] run --image %s --allow-domain %s -- curl https://%s%s: exit 0%n",
                engine, IMAGE, UP, UP, path);
    }

    private record CliRun(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * {@code java -jar ironbox.jar ARGS...} in the workspace; checks that it left no container and no network in
     * either engine.
     */
    private CliRun cli(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("ironbox.jar", "target/ironbox.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> argv = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workspace.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("IRONBOX_"));
        builder.environment().put("HOME", privateDir.toString());
        Path out = privateDir.resolve("cli.out");
        Path err = privateDir.resolve("cli.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
            assertThat(Leftovers.ownedBy(process.pid())).as("containers the CLI left").isEmpty();
            for (String engine : List.of("docker", "podman")) {
                try (ContainerRuntime runtime = RuntimeRegistry.fromServiceLoader().find(engine).orElseThrow()
                        .create()) {
                    assertThat(runtime.networks().listByLabel(OwnerLabels.OWNER_PID, Long.toString(process.pid())))
                            .as("%s networks the CLI left", engine).isEmpty();
                }
            }
            return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
        }
    }
}
