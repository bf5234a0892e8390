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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ironbox doctor} on the real engines: Docker and Podman both answer, with their versions. */
class DoctorIT {

    private static final Path CWD = Path.of("target", "doctor-it").toAbsolutePath();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void leavesNoContainerInEitherEngine() {
        assertThat(Leftovers.enginesAsked()).containsExactly("docker", "podman");
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @Test
    void listsDockerAndPodmanAvailableWithTheirVersions() throws Exception {
        int code = doctor(Map.of(), "doctor", "--json");

        assertThat(code).as(err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("ok").asBoolean()).isTrue();
        for (String id : new String[] {"docker", "podman"}) {
            JsonNode runtime = runtime(json, id);
            assertThat(runtime.get("available").asBoolean()).as(id + ": " + runtime).isTrue();
            assertThat(runtime.get("usable").asBoolean()).as(id + ": " + runtime).isTrue();
            assertThat(runtime.get("version").asText()).as(id).isNotBlank();
            assertThat(runtime.get("apiVersion").asText()).as(id).isNotBlank();
            assertThat(runtime.get("endpoint").asText()).as(id).startsWith("unix://");
            assertThat(runtime.get("enforceableLimits")).as(id).hasSize(3);
            assertThat(runtime.get("hostIsolation").get("enforced").asBoolean()).as(id + ": " + runtime).isTrue();
            assertThat(runtime.get("hostIsolation").get("how").asText()).as(id)
                    .contains("nftables (table inet ironbox", "names each sandbox network's bridge ibx");
        }
        assertThat(runtime(json, "docker").get("priority").asInt()).isEqualTo(100);
        assertThat(runtime(json, "podman").get("priority").asInt()).isEqualTo(90);
        assertThat(json.get("auto").asText()).isEqualTo("docker");
        assertThat(json.get("configured").get("runtime").asText()).isEqualTo("auto");
        assertThat(json.get("configured").get("picks").asText()).isEqualTo("docker");
    }

    @Test
    void theTextSaysWhatTheConfigurationPicks() {
        int code = doctor(Map.of("IRONBOX_RUNTIME", "podman"), "doctor");

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("host isolation  enforced by nftables (table inet ironbox");
        assertThat(out()).contains("docker (priority 100): available", "podman (priority 90): available",
                "auto would use: docker", "configuration:  podman (from IRONBOX_RUNTIME) -> podman");
        assertThat(err()).isEmpty();
    }

    private int doctor(Map<String, String> environment, String... args) {
        try {
            Files.createDirectories(CWD);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOME", CWD.toString());
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, CWD);
        return CliComponent.create(context).commandLine().execute(args);
    }

    private static JsonNode runtime(JsonNode json, String id) {
        for (JsonNode runtime : json.get("runtimes")) {
            if (runtime.get("id").asText().equals(id)) {
                return runtime;
            }
        }
        throw new AssertionError("doctor does not list " + id + ": " + json);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
