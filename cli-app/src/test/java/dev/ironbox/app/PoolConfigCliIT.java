package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.cliapp.CliComponent;
import dev.ironbox.core.settings.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ironbox run} with {@code [pool] size = 2} in the config file, on each engine: the one-shot command starts
 * no pool (a new process per run would only warm containers to throw away), so it runs cold, never has more than
 * its own container while it runs, and leaves nothing behind.
 */
class PoolConfigCliIT {

    /** World-readable, unlike a JUnit temp dir (0700), so the sandbox user can enter it. */
    private static final Path WORKSPACE = Path.of("target", "pool-config-it-workspace").toAbsolutePath();
    private static final Path CONFIG = WORKSPACE.resolve("pool.toml");

    @BeforeAll
    static void provisionTheImagesAndThePoolConfig() throws Exception {
        Files.createDirectories(WORKSPACE);
        Files.writeString(CONFIG, "[pool]\nsize = 2\nmax-idle-age = \"1m\"\n");
        for (String runtime : new String[] {"docker", "podman"}) {
            Outcome provisioned = ironbox("run", "--runtime", runtime, "--", "true");
            assertThat(provisioned.code()).as(provisioned.err()).isZero();
        }
    }

    @AfterEach
    void leavesNoContainer() {
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void aOneShotRunWithAPoolConfiguredRunsColdAndAloneAndLeavesNothing(String runtime) throws Exception {
        Outcome shown = ironbox("config", "show", "--runtime", runtime);
        assertThat(shown.out()).as("the pool is configured").containsPattern("pool\\.size +2 +file " + CONFIG);

        CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(() -> ironbox("run", "--runtime", runtime,
                "--json", "--", "sh", "-c", "sleep 3; echo done"));
        List<Integer> seen = new ArrayList<>();
        while (!run.isDone()) {
            seen.add(Leftovers.ownedByThisProcess().size()); // a pool would add warm containers beside the run's
            Thread.sleep(200);
        }
        Outcome outcome = run.get();

        assertThat(outcome.code()).as(outcome.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(outcome.out());
        assertThat(json.get("stdout").asText()).isEqualTo("done\n");
        assertThat(json.get("pooled").asBoolean()).isFalse();
        assertThat(json.get("timings").has("claim")).as("no warm sandbox was claimed").isFalse();
        assertThat(seen).as("containers of this process while the run ran: its own, never a warm one beside it")
                .contains(1).allMatch(count -> count <= 1);
    }

    private record Outcome(int code, String out, String err) {}

    private static Outcome ironbox(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("HOME", WORKSPACE.toString(), "IRONBOX_CONFIG", CONFIG.toString()), WORKSPACE);
        int code = CliComponent.create(context).commandLine().execute(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
