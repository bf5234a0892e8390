package dev.ironbox.app;

import dev.ironbox.cliapp.CliComponent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.settings.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command line against the real engine: in-process through the component, and the shaded jar. */
class CliIT {

    /** World-readable, unlike a JUnit temp dir (0700), so the sandbox user can enter it. */
    private static final Path WORKSPACE = Path.of("target", "cli-it-workspace").toAbsolutePath();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void provisionTheImage() throws Exception {
        Files.createDirectories(WORKSPACE);
        assertThat(new CliIT().ironbox("run", "--", "true")).isZero();
    }

    @AfterEach
    void leavesNoContainer() {
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @Test
    void runsUnprivilegedWithoutCapabilities() {
        int code = ironbox("run", "--", "sh", "-c", "id -u; grep CapEff /proc/self/status");

        assertThat(code).as(err()).isZero();
        assertThat(out()).isEqualTo(SandboxUser.current().uid() + "\nCapEff:\t0000000000000000\n");
    }

    @Test
    void aTimeoutExits124Promptly() {
        long started = System.nanoTime();

        int code = ironbox("run", "--timeout", "2s", "--", "sleep", "30");

        assertThat(code).as(err()).isEqualTo(124);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void jsonCarriesTheResultAndTheExitCodeFollowsTheCommand() throws Exception {
        int code = ironbox("run", "--json", "--", "sh", "-c", "echo out; echo err >&2; exit 3");

        assertThat(code).as(err()).isEqualTo(3);
        assertThat(err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("exitCode").asInt()).isEqualTo(3);
        assertThat(json.get("stdout").asText()).isEqualTo("out\n");
        assertThat(json.get("stderr").asText()).isEqualTo("err\n");
        assertThat(json.get("runtime").asText()).isEqualTo("docker");
        assertThat(json.get("policy").asText()).isEqualTo("readonly");
        assertThat(json.get("timedOut").asBoolean()).isFalse();
        assertThat(json.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void aMissingCommandExits127() {
        assertThat(ironbox("run", "--", "nonexistent-cmd")).as(err()).isEqualTo(127);
    }

    @Test
    void aBadPolicyExits125WithOneLineNamingTheValidOnes() {
        assertThat(ironbox("run", "--policy", "bogus", "--", "true")).isEqualTo(125);

        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith("ironbox: ").contains("readonly", "workspace_write", "full_access");
    }

    @Test
    void aMissingImageWithJsonIsOneErrorObjectOnStdoutAndTheSameLineOnStderr() throws Exception {
        String absent = "localhost/ironbox-it/absent-" + UUID.randomUUID() + ":1";

        assertThat(ironbox("run", "--json", "--image", absent, "--", "true")).as(err()).isEqualTo(125);

        assertThat(out().lines()).hasSize(1);
        JsonNode error = new ObjectMapper().readTree(out()).get("error");
        assertThat(error.get("kind").asText()).isEqualTo("image-unavailable");
        assertThat(error.get("message").asText()).contains(absent);
        assertThat(err()).isEqualTo("ironbox: " + error.get("message").asText() + "\n");
    }

    @Test
    void theShadedJarRunsAndLeavesNothingBehind() throws Exception {
        Path jar = Path.of(System.getProperty("ironbox.jar", "target/ironbox.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> argv = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString(), "run", "--timeout", "2s",
                "--", "sh", "-c", "id -u; grep CapEff /proc/self/status; sleep 30"));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(WORKSPACE.toFile());
        builder.environment().remove("IRONBOX_LOG_LEVEL");
        Path stdout = Files.createTempFile("ironbox-it", ".out");
        Path stderr = Files.createTempFile("ironbox-it", ".err");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(stderr)).isEqualTo(124);
            assertThat(Files.readString(stdout))
                    .isEqualTo(SandboxUser.current().uid() + "\nCapEff:\t0000000000000000\n");
            assertThat(Files.readString(stderr)).isEmpty();
            assertThat(Leftovers.ownedBy(process.pid())).isEmpty();
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private int ironbox(String... args) {
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", WORKSPACE.toString()), WORKSPACE);
        return CliComponent.create(context).commandLine().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
