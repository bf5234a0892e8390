package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import dev.ironbox.core.label.OwnerLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input through the command line on a real engine: hostile strings for every option that takes one, limits past
 * what the engine has, system and engine directories as workspaces. Each is exit 125 and one short line on stderr —
 * the same on every engine — with no stack trace and nothing created. Each engine's IT extends this in a few lines.
 */
abstract class BadInputCliContract {

    private static final Map<String, String> HOSTILE = Map.of(
            "10,000 characters", "a".repeat(10_000),
            "1,000,000 characters", "a".repeat(1_000_000),
            "a/ x 5000", "a/".repeat(5000),
            "a: x 5000", "a:".repeat(5000),
            "non-ASCII", "\u00e9\u4e2d\uD83D\uDE00x",
            "line breaks", "a\nb\r\nc",
            "NUL", "a\u0000b");

    private Path workspace;
    private InProcessCli cli;
    private final List<String> sessions = new ArrayList<>();

    /** {@code docker} or {@code podman}. */
    protected abstract String runtime();

    @BeforeEach
    void provisionTheImage() throws Exception {
        workspace = Files.createDirectories(Path.of("target", "bad-input-cli-" + runtime()).toAbsolutePath());
        cli = new InProcessCli(workspace);
        try (ContainerRuntime engine = engine()) {
            if (!engine.images().exists(SandboxSettings.DEFAULT_IMAGE)) { // built here, not by a refused command
                assertThat(cli.ironbox("run", "--runtime", runtime(), "--", "true").code()).isZero();
            }
        }
    }

    /** Other processes share the engines: what this one made carries its pid, and no image carries a hostile tag. */
    @AfterEach
    void createdNothing() {
        sessions.forEach(id -> cli.ironbox("session", "stop", "--runtime", runtime(), id));
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
        String pid = Long.toString(ProcessHandle.current().pid());
        try (ContainerRuntime engine = engine()) {
            assertThat(engine.networks().listByLabel(OwnerLabels.OWNER_PID, pid)).as("networks").isEmpty();
            assertThat(engine.images().list()).flatExtracting(ImageSummary::tags).as("image tags")
                    .noneMatch(tag -> tag.contains("aaaaaaaa") || tag.contains("a/a/a/a") || tag.contains("a:a:a:a"));
        }
    }

    @Test
    void hostileStringsForEveryOptionAreOneLineAndExit125() {
        List<List<String>> lines = new ArrayList<>();
        for (String option : List.of("--image", "--env", "--workspace", "--timeout", "--memory", "--cpus", "--pids",
                "--max-output", "--allow-domain", "--credential")) {
            lines.add(List.of("run", "--runtime", runtime(), option, "V", "--", "true"));
        }
        lines.add(List.of("session", "start", "--runtime", runtime(), "--image", "V"));
        lines.add(List.of("session", "exec", "--runtime", runtime(), "V", "--", "true"));
        lines.add(List.of("session", "stop", "--runtime", runtime(), "V"));
        lines.add(List.of("image", "build", "--runtime", runtime(), "--rootfs", ".", "--tag", "V"));
        lines.add(List.of("image", "host-tools", "--runtime", runtime(), "--tag", "V"));
        lines.add(List.of("cp", "--runtime", runtime(), "V", "0123456789ab:/tmp"));
        for (List<String> line : lines) {
            HOSTILE.forEach((kind, value) -> assertOneLine(kind + " in: " + String.join(" ", line),
                    line.stream().map(arg -> arg.replace("V", value)).toArray(String[]::new)));
        }
    }

    @Test
    void hostileSessionPathsForCpAreOneLineAndExit125() throws Exception {
        InProcessCli.Outcome started = cli.ironbox("session", "start", "--runtime", runtime(), "--ttl", "5m", "--json");
        assertThat(started.code()).as(started.toString()).isZero();
        String id = new ObjectMapper().readTree(started.out()).get("id").asText();
        sessions.add(id);
        Path out = workspace.resolve("out");
        Files.writeString(workspace.resolve("in.txt"), "x");
        HOSTILE.forEach((kind, value) -> {
            assertOneLine(kind + " copied out", "cp", "--runtime", runtime(), id + ":" + value, out.toString());
            if (value.length() > 4096 || value.contains("\u0000")) { // a non-ASCII or multi-line name is a name
                assertOneLine(kind + " copied in", "cp", "--runtime", runtime(), "in.txt", id + ":/tmp/" + value);
            }
        });
        assertThat(out).doesNotExist();
    }

    @Test
    void moreCpusThanTheEngineHasAreRefusedAlike() {
        int cpus;
        try (ContainerRuntime engine = engine()) {
            cpus = engine.engine().probe().capacity().cpus().orElseThrow();
        }
        String expected = "ironbox: invalid limits: cpus must be at most " + cpus + ", the number of CPUs the engine "
                + "has; got 1000" + System.lineSeparator();
        assertThat(cli.ironbox("run", "--runtime", runtime(), "--cpus", "1000", "--", "true").err()).isEqualTo(expected);
        assertThat(cli.ironbox("session", "start", "--runtime", runtime(), "--cpus", "1000").err())
                .isEqualTo(expected);
        assertOneLine("--pids", "run", "--runtime", runtime(), "--pids", "99999999", "--", "true");
        assertOneLine("--timeout", "run", "--runtime", runtime(), "--timeout", "1000h", "--", "true");
        assertOneLine("--memory", "run", "--runtime", runtime(), "--memory", "100t", "--", "true");
    }

    @Test
    void systemAndEngineDirectoriesAreRefusedAsWorkspaces() throws Exception {
        Path link = workspace.resolve("etc-link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/etc"));
        for (String directory : List.of("/etc", "/var/lib/docker", "/run/docker", link.toString())) {
            InProcessCli.Outcome run = assertOneLine(directory, "run", "--runtime", runtime(), "--workspace",
                    directory, "--", "true");
            assertThat(run.err()).startsWith("ironbox: workspace " + directory + " ").contains(" is refused: it ");
            InProcessCli.Outcome session = assertOneLine(directory, "session", "start", "--runtime", runtime(),
                    "--workspace", directory);
            assertThat(session.err()).isEqualTo(run.err());
        }
        Files.delete(link);
    }

    /** The original report: a 10,000-character image in a real process was a StackOverflowError on Docker. */
    @Test
    void theJarRefusesAHugeImageInOneLine() throws Exception {
        Path jar = Path.of(System.getProperty("ironbox.jar", "target/ironbox.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stderr = Files.createTempFile("ironbox-bad-input", ".err");
        try {
            Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "run", "--runtime",
                    runtime(), "--image", "a".repeat(10_000), "--", "true").directory(workspace.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(stderr);
            assertThat(process.exitValue()).as(err).isEqualTo(125);
            assertThat(err.lines()).hasSize(1);
            assertThat(err).startsWith("ironbox: '" + "a".repeat(64) + "...' (10000 characters) is not a valid image "
                    + "reference");
        } finally {
            Files.delete(stderr);
        }
    }

    private InProcessCli.Outcome assertOneLine(String what, String... args) {
        InProcessCli.Outcome outcome = cli.ironbox(args);
        assertThat(outcome.code()).as("exit code: %s; %s", what, outcome.err()).isEqualTo(125);
        assertThat(outcome.err()).as(what).startsWith("ironbox: ").doesNotContain("\tat ", "Exception");
        assertThat(outcome.err().lines()).as(what).hasSize(1);
        assertThat(outcome.err().length()).as(what).isLessThan(2200);
        assertThat(outcome.out()).as(what).isEmpty();
        return outcome;
    }

    private ContainerRuntime engine() {
        for (ContainerRuntimeProvider provider : RuntimeRegistry.fromServiceLoader().providers()) {
            if (provider.id().equals(runtime())) {
                return provider.create();
            }
        }
        throw new AssertionError("runtime " + runtime() + " is not installed");
    }
}
