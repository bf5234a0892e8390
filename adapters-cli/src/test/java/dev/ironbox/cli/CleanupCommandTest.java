package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ContainerId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupCommandTest {

    @TempDir
    Path cwd;

    private final ScriptedSandboxes factory = new ScriptedSandboxes();
    private CapturedCli cli;

    @BeforeEach
    void setUp() {
        factory.runtime("docker").cleanup = all -> new CleanupReport("docker",
                List.of(new ContainerId("aaaaaaaaaaaa1111")), List.of("net-1"), List.of());
        factory.runtime("podman").cleanup = all -> new CleanupReport("podman", List.of(), List.of(), List.of());
        cli = new CapturedCli(factory, cwd);
    }

    @Test
    void removesOrphansOnEveryRuntimeAndSaysWhat() {
        assertThat(cli.execute("cleanup")).as(cli.err()).isEqualTo(ExitCodes.OK);

        assertThat(factory.calls).containsExactly("open docker", "cleanup docker", "open podman", "cleanup podman");
        assertThat(cli.out().lines().toList()).containsExactly(
                "docker: removed container aaaaaaaaaaaa",
                "docker: removed network net-1",
                "podman: nothing to remove");
        assertThat(cli.err()).isEmpty();
        assertThat(factory.openSandboxes).isZero();
    }

    @Test
    void allIsPassedOnAndRuntimeLimitsItToOne() {
        assertThat(cli.execute("cleanup", "--all", "--runtime", "podman")).isEqualTo(ExitCodes.OK);

        assertThat(factory.calls).containsExactly("open podman", "cleanup podman --all");
    }

    @Test
    void aFailureIsReportedAndExits125() {
        factory.runtime("podman").cleanup = all -> new CleanupReport("podman",
                List.of(new ContainerId("dddddddddddd4444")), List.of(),
                List.of("container eeeeeeeeeeee: device or resource busy"));

        assertThat(cli.execute("cleanup")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(cli.out()).contains("podman: removed container dddddddddddd");
        assertThat(cli.err()).isEqualTo("ironbox: podman: container eeeeeeeeeeee: device or resource busy\n");
    }

    @Test
    void anUnreachableRuntimeIsOnlyANote() {
        factory.runtime("podman").openFailure = new EngineUnavailableException("podman is down", null);

        assertThat(cli.execute("cleanup")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).isEqualTo("docker: removed container aaaaaaaaaaaa\ndocker: removed network net-1\n");
        assertThat(cli.err()).isEqualTo("ironbox: note: podman did not answer: podman is down\n");
    }

    @Test
    void anUnreachableRuntimeGivenExplicitlyFails() {
        factory.runtime("podman").openFailure = new EngineUnavailableException("podman is down", null);

        assertThat(cli.execute("cleanup", "--runtime", "podman")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(cli.err()).isEqualTo("ironbox: podman is down\n");
    }

    @Test
    void jsonIsOneObject() throws Exception {
        factory.runtime("podman").cleanup = all -> new CleanupReport("podman", List.of(), List.of(),
                List.of("network n2: in use"));

        assertThat(cli.execute("cleanup", "--json")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        // the whole output, byte for byte: field names and their order are the CLI contract
        assertThat(cli.out()).isEqualTo(
                "{\"ok\":false,\"runtimes\":[{\"runtime\":\"docker\",\"containers\":[\"aaaaaaaaaaaa1111\"],"
                + "\"networks\":[\"net-1\"],\"failures\":[]},{\"runtime\":\"podman\",\"containers\":[],\"networks\":[],"
                + "\"failures\":[\"network n2: in use\"]}],\"unreachable\":[]}"
                + System.lineSeparator());

        assertThat(cli.out().strip().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("ok").asBoolean()).isFalse();
        JsonNode docker = json.get("runtimes").get(0);
        assertThat(docker.get("runtime").asText()).isEqualTo("docker");
        assertThat(docker.get("containers").toString()).isEqualTo("[\"aaaaaaaaaaaa1111\"]");
        assertThat(docker.get("networks").toString()).isEqualTo("[\"net-1\"]");
        assertThat(json.get("runtimes").get(1).get("failures").toString()).isEqualTo("[\"network n2: in use\"]");
        assertThat(json.get("unreachable").size()).isZero();
    }

    @Test
    void expiredOwnersARuntimeReapedArePrintedAndListedLastUnderOwners() throws Exception {
        factory.runtime("podman").cleanup = all -> new CleanupReport("podman", List.of(), List.of(), List.of(),
                List.of("Lease ironbox-0123456789ab (held by h/1, lapsed 2026-12-05T05:00:10Z) and its 1 pod(s)"));

        assertThat(cli.execute("cleanup", "--runtime", "podman")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("podman: removed expired owner Lease ironbox-0123456789ab")
                .doesNotContain("nothing to remove");

        cli.execute("cleanup", "--runtime", "podman", "--json");
        JsonNode podman = new ObjectMapper().readTree(cli.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .get("runtimes").get(0);
        assertThat(podman.get("owners").toString()).contains("ironbox-0123456789ab");
    }
}
