package dev.ironbox.app;

import dev.ironbox.cliapp.CliComponent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.settings.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of issue 9, item 4, on a real engine, through the command line in-process: a {@code workspace_write}
 * run (given by flag) with the workspace at the working directory plants {@code ./ironbox.toml}; the next
 * {@code ironbox run} with no flags must not get what the file asks for. Each engine's IT extends this in a few lines;
 * with no engine they fail, never skip.
 */
abstract class PlantedConfigCliContract {

    private static final String PLANT = "printf '[run]\\npolicy = \"workspace_write\"\\n[network]\\nallow-domains = "
            + "[\"127.0.0.0/8\", \"169.254.169.254\"]\\ndefault-domains = true\\n' > /workspace/ironbox.toml";

    /** The person's HOME: their own config area and trust store. */
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path workspace;

    /** {@code docker} or {@code podman}. */
    protected abstract String runtime();

    @BeforeEach
    void createWorkspace() throws Exception {
        // writable by the sandbox's user, unlike a JUnit temp dir (0700); emptied of an earlier run's files
        workspace = Path.of("target", "planted-config-it-" + runtime()).toAbsolutePath();
        Files.createDirectories(workspace);
        try (Stream<Path> files = Files.list(workspace)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterEach
    void leavesNoContainer() {
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @Test
    void aConfigFileASandboxPlantedDoesNotWidenTheNextRun() throws Exception {
        assertThat(ironbox("run", "--policy", "workspace_write", "--", "sh", "-c", PLANT)).as(err()).isZero();
        Path planted = workspace.resolve("ironbox.toml");
        assertThat(planted).content().contains("workspace_write", "169.254.169.254");

        assertThat(ironbox("run", "--", "sh", "-c", "touch /workspace/pwned")).isEqualTo(125);
        assertThat(err()).isEqualTo("ironbox: ./ironbox.toml sets run.policy = workspace_write but is not trusted; "
                + "review it, then run 'ironbox config trust' to apply it, or give --policy to choose yourself "
                + "('ironbox config show' lists what it would change)" + System.lineSeparator());
        assertThat(workspace.resolve("pwned")).as("nothing ran").doesNotExist();

        // the person decides the policy: the planted network settings are still refused, before any network exists
        assertThat(ironbox("run", "--policy", "readonly", "--", "true")).isEqualTo(125);
        assertThat(err()).startsWith("ironbox: ./ironbox.toml sets network.allow-domains = [127.0.0.0/8, "
                + "169.254.169.254] but is not trusted");
    }

    @Test
    void onlyTheContentThePersonTrustedAppliesAndTheSandboxCannotExtendIt() throws Exception {
        assertThat(ironbox("run", "--policy", "workspace_write", "--", "sh", "-c",
                "printf '[run]\\npolicy = \"workspace_write\"\\n' > /workspace/ironbox.toml")).as(err()).isZero();
        Path file = workspace.resolve("ironbox.toml");
        assertThat(file).hasContent("[run]\npolicy = \"workspace_write\"");
        assertThat(ironbox("run", "--", "sh", "-c", "touch /workspace/before-trust")).isEqualTo(125);
        assertThat(workspace.resolve("before-trust")).doesNotExist();

        assertThat(ironbox("config", "trust")).as(err()).isZero(); // the person reviewed it and wants it
        assertThat(ironbox("run", "--", "sh", "-c", "touch /workspace/trusted")).as(err()).isZero();
        assertThat(workspace.resolve("trusted")).as("trusted: workspace_write applies").exists();

        // the trusted sandbox may write the workspace, so it may edit the file: the edit is untrusted again
        assertThat(ironbox("run", "--", "sh", "-c", "echo 'pids = 99999999' >> /workspace/ironbox.toml"))
                .as(err()).isZero();
        assertThat(file).content().endsWith("pids = 99999999\n");
        assertThat(ironbox("run", "--", "sh", "-c", "touch /workspace/after-edit")).isEqualTo(125);
        assertThat(err()).contains("sets run.policy = workspace_write but is not trusted");
        assertThat(workspace.resolve("after-edit")).doesNotExist();

        // and the trust store is out of its reach: it lives in the person's own config area
        assertThat(home.resolve(".config/ironbox/trusted.toml")).exists();
        assertThat(home.resolve(".config/ironbox/trusted.toml").startsWith(workspace)).isFalse();
    }

    @Test
    void withoutTrustAPlantedFileLeavesTheRunReadOnly() throws Exception {
        // a file with only narrowing keys applies untrusted: the run is readonly, and the write fails inside
        assertThat(ironbox("run", "--policy", "workspace_write", "--", "sh", "-c",
                "printf '[run]\\ntimeout = \"30s\"\\n' > /workspace/ironbox.toml")).as(err()).isZero();

        int code = ironbox("run", "--", "sh", "-c", "touch /workspace/pwned");

        assertThat(code).as(err()).isNotZero().isNotEqualTo(125);
        assertThat(err()).contains("Read-only file system");
        assertThat(workspace.resolve("pwned")).doesNotExist();
    }

    private int ironbox(String... args) throws IOException {
        out.reset();
        err.reset();
        // no flag names the runtime: the environment does, which the person set and a sandbox cannot
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("HOME", home.toString(), "IRONBOX_RUNTIME", runtime()), workspace);
        return CliComponent.create(context).commandLine().execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
