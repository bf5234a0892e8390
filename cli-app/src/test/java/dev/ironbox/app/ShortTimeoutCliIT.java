package dev.ironbox.app;

import dev.ironbox.cliapp.CliComponent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.settings.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ironbox run --timeout 300ms -- echo hi} on each engine: the timeout counts from the command's start, so
 * creating the container does not eat it, and the command that ended on its own exits 0, not 124.
 */
class ShortTimeoutCliIT {

    /** World-readable, unlike a JUnit temp dir (0700), so the sandbox user can enter it. */
    private static final Path WORKSPACE = Path.of("target", "short-timeout-it-workspace").toAbsolutePath();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void provisionTheImages() throws Exception {
        Files.createDirectories(WORKSPACE);
        for (String runtime : new String[] {"docker", "podman"}) {
            ShortTimeoutCliIT cli = new ShortTimeoutCliIT();
            assertThat(cli.ironbox("run", "--runtime", runtime, "--", "true")).as(cli.err()).isZero();
        }
    }

    @AfterEach
    void leavesNoContainer() {
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void aShortTimeoutDoesNotTimeOutAnEcho(String runtime) {
        int code = ironbox("run", "--runtime", runtime, "--timeout", "300ms", "--", "echo", "hi");

        assertThat(code).as(err()).isZero();
        assertThat(out()).isEqualTo("hi\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void itsJsonSaysExitZeroNotTimedOut(String runtime) throws Exception {
        int code = ironbox("run", "--runtime", runtime, "--timeout", "300ms", "--json", "--", "echo", "hi");

        assertThat(code).as(err()).isZero();
        JsonNode result = new ObjectMapper().readTree(out());
        assertThat(result.get("exitCode").asInt()).isZero();
        assertThat(result.get("timedOut").asBoolean()).isFalse();
        assertThat(result.get("stdout").asText()).isEqualTo("hi\n");
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
