package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code kubernetes} runtime from the command line on a machine without a cluster (this one): the shaded jar in
 * its own process, with {@code HOME} (and {@code user.home}) an empty directory and {@code KUBECONFIG} unset. Doctor
 * says so in one line, {@code --runtime kubernetes} fails with that line (exit 125), and nothing else notices the
 * runtime is there. Docker and Podman answer beside it.
 */
class KubernetesCliIT {

    private static final Path WORKSPACE = Path.of("target", "kubernetes-cli-it", "work").toAbsolutePath();
    private static final Path HOME = WORKSPACE.resolveSibling("home");
    private static final String NO_CLUSTER = "no Kubernetes cluster is configured: KUBECONFIG is unset, " + HOME
            + "/.kube/config does not exist, not inside a cluster (no service-account token)";

    @BeforeAll
    static void directories() throws Exception {
        Files.createDirectories(WORKSPACE);
        Files.createDirectories(HOME);
    }

    @Test
    void doctorSaysInOneLineThatNoClusterIsConfiguredAndAutoStillPicksDocker() throws Exception {
        Result result = ironbox(Map.of(), "doctor");

        assertThat(result.code).as(result.err).isZero();
        List<String> lines = result.out.lines().toList();
        int header = lines.indexOf("kubernetes (priority 10): not available");
        assertThat(header).as(result.out).isNotNegative();
        assertThat(lines.get(header + 1)).isEqualTo("    reason          " + NO_CLUSTER);
        assertThat(lines.get(header + 2)).as("the block ends there").isEmpty();
        assertThat(lines.stream().filter(line -> line.contains("Kubernetes"))).hasSize(1);
        assertThat(result.out).contains("auto would use: docker");
        assertThat(result.err).isEmpty();
    }

    @Test
    void doctorsJsonGivesTheSameReason() throws Exception {
        Result result = ironbox(Map.of(), "doctor", "--json");

        assertThat(result.code).as(result.err).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out);
        JsonNode kubernetes = null;
        for (JsonNode runtime : json.get("runtimes")) {
            if (runtime.get("id").asText().equals("kubernetes")) {
                kubernetes = runtime;
            }
        }
        assertThat(kubernetes).as(result.out).isNotNull();
        assertThat(kubernetes.get("available").asBoolean()).isFalse();
        assertThat(kubernetes.get("reason").asText()).isEqualTo(NO_CLUSTER);
        assertThat(json.get("auto").asText()).isEqualTo("docker");
    }

    @Test
    void aRunOnKubernetesFailsWithThatOneLine() throws Exception {
        Result result = ironbox(Map.of(), "run", "--runtime", "kubernetes", "--", "true");

        assertThat(result.code).isEqualTo(125);
        assertThat(result.err).isEqualTo("ironbox: " + NO_CLUSTER + "\n");
        assertThat(result.out).isEmpty();
    }

    @Test
    void theHelpListsKubernetesAndPsDoesNotMentionIt() throws Exception {
        Result help = ironbox(Map.of(), "run", "--help");
        Result ps = ironbox(Map.of(), "ps");

        assertThat(help.code).isZero();
        assertThat(help.out.replaceAll("\\s+", " ")).contains("Container runtime: auto, docker, podman, kubernetes.");
        assertThat(ps.code).as(ps.err).isZero();
        assertThat(ps.err).as("a runtime auto never picks is no news when absent").doesNotContain("kubernetes");
    }

    @Test
    void theKubernetesTableIsShownWithItsLineAndATypoIsNamed() throws Exception {
        Path config = Files.writeString(WORKSPACE.resolve("config.toml"),
                "[kubernetes]\nnamespace = \"sandboxes\"\nschedule-timeout = \"5m\"\n");
        Path typo = Files.writeString(WORKSPACE.resolve("typo.toml"), "[kubernetes]\n\nnamepsace = \"sandboxes\"\n");

        Result show = ironbox(Map.of("IRONBOX_CONFIG", config.toString()), "config", "show");
        Result run = ironbox(Map.of("IRONBOX_CONFIG", typo.toString()), "run", "--runtime", "kubernetes", "--",
                "true");
        Path rootfs = Files.createDirectories(WORKSPACE.resolve("rootfs"));
        Result image = ironbox(Map.of("IRONBOX_CONFIG", config.toString()), "image", "build", "--runtime",
                "kubernetes", "--rootfs", rootfs.toString(), "--tag", "localhost/ironbox/kubernetes-cli-it:1");

        assertThat(show.code).as(show.err).isZero();
        assertThat(show.out).containsPattern("kubernetes\\.namespace +sandboxes +file " + config + ", line 2\n");
        assertThat(show.out).containsPattern("kubernetes\\.schedule-timeout +5m +file " + config + ", line 3\n");
        assertThat(run.code).isEqualTo(125);
        assertThat(run.err).isEqualTo("ironbox: unknown key 'kubernetes.namepsace' in " + typo + ", line 3; the "
                + "[kubernetes] table takes: context, ephemeral-storage, image-pull-policy, namespace, runtime-class, "
                + "schedule-timeout\n");
        assertThat(image.code).as("no cluster to build on").isEqualTo(125);
        assertThat(image.err).isEqualTo("ironbox: " + NO_CLUSTER + "\n");
    }

    /** Runs the jar with an empty home and no KUBECONFIG; checks that the process left no container behind. */
    private static Result ironbox(Map<String, String> environment, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("ironbox.jar", "target/ironbox.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // user.home comes from the password database, not HOME: set both, as kubectl reads HOME
        List<String> argv = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Duser.home=" + HOME, "-jar", jar.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(WORKSPACE.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("IRONBOX_") || name.equals("KUBECONFIG")
                || name.equals("KUBERNETES_SERVICE_HOST") || name.equals("DOCKER_HOST")
                || name.equals("CONTAINER_HOST"));
        env.put("HOME", HOME.toString());
        env.putAll(environment);
        Path stdout = Files.createTempFile("ironbox-it", ".out");
        Path stderr = Files.createTempFile("ironbox-it", ".err");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            Result result = new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
            assertThat(Leftovers.ownedBy(process.pid())).isEmpty();
            return result;
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private record Result(int code, String out, String err) {}
}
