package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.model.NamedEndpoint;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.RuntimeDiagnosis;
import dev.ironbox.core.model.RuntimesReport;
import dev.ironbox.core.model.egress.NetworkIsolation;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

    private static final EngineInfo DOCKER = new EngineInfo("docker", "20.10.24", "1.41",
            "unix:///var/run/docker.sock", Optional.of(Path.of("/var/run/docker.sock")), false, "2",
            EnumSet.allOf(LimitKind.class));
    private static final EngineInfo ROOTLESS = new EngineInfo("podman", "4.3.1", "4.3.1",
            "unix:///run/user/1000/podman/podman.sock", Optional.empty(), true, "1", EnumSet.of(LimitKind.CPU));

    @TempDir
    Path cwd;

    @Test
    void textShowsEveryRuntimeAndWhatWouldBeUsed() {
        RuntimesReport report = new RuntimesReport(List.of(
                RuntimeDiagnosis.reached("docker", 100, DOCKER, Optional.empty(), true),
                RuntimeDiagnosis.reached("podman", 90, ROOTLESS, Optional.of("cannot enforce the memory, pids limits"),
                        false),
                RuntimeDiagnosis.unreachable("lxc", 5, "no lxc socket at /run/lxc.sock")),
                Optional.of(new RuntimeChoice("podman", "/home/me/ironbox.toml")), Optional.empty(),
                Optional.of("docker"), Optional.empty());
        Console console = console(report);

        assertThat(console.execute("doctor")).isEqualTo(ExitCodes.OK);

        assertThat(console.out()).contains(
                "docker (priority 100): available",
                "version         20.10.24 (API 1.41)",
                "endpoint        unix:///var/run/docker.sock",
                "socket          /var/run/docker.sock",
                "rootless        no",
                "cgroup version  2",
                "limits          memory, cpu, pids",
                "default image   localhost/ironbox/busybox:1 (present)",
                "podman (priority 90): answers, but cannot run sandboxes",
                "problem         cannot enforce the memory, pids limits",
                "rootless        yes",
                "limits          cpu",
                "lxc (priority 5): not available",
                "reason          no lxc socket at /run/lxc.sock",
                "auto would use: docker",
                "configuration:  podman (from /home/me/ironbox.toml) -> podman does not work");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void jsonIsOneObjectAndNoUsableRuntimeExits125() throws Exception {
        RuntimesReport report = new RuntimesReport(List.of(
                RuntimeDiagnosis.unreachable("docker", 100, "no Docker engine answered; tried: /var/run/docker.sock")),
                Optional.of(new RuntimeChoice("auto", RuntimeChoice.DEFAULT)), Optional.empty(), Optional.empty(),
                Optional.empty());
        Console console = console(report);

        assertThat(console.execute("doctor", "--json")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(console.out().strip().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(console.out());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("auto").isNull()).isTrue();
        JsonNode docker = json.get("runtimes").get(0);
        assertThat(docker.get("id").asText()).isEqualTo("docker");
        assertThat(docker.get("available").asBoolean()).isFalse();
        assertThat(docker.get("reason").asText()).contains("/var/run/docker.sock");
        assertThat(json.get("configured").get("runtime").asText()).isEqualTo("auto");
        assertThat(json.get("configured").get("source").asText()).isEqualTo("default");
    }

    @Test
    void jsonCarriesTheEngineDetails() throws Exception {
        RuntimesReport report = new RuntimesReport(List.of(
                RuntimeDiagnosis.reached("docker", 100, DOCKER, Optional.empty(), false)),
                Optional.empty(), Optional.of("invalid config file /x/ironbox.toml, line 1, column 11: oops"),
                Optional.of("docker"), Optional.empty());
        Console console = console(report);

        assertThat(console.execute("doctor", "--json")).isEqualTo(ExitCodes.OK);
        // the whole output, byte for byte: field names and their order are the CLI contract
        assertThat(console.out()).isEqualTo(
                "{\"ok\":true,\"runtimes\":[{\"id\":\"docker\",\"priority\":100,\"available\":true,\"usable\":true,"
                + "\"reason\":null,\"endpointNamedBy\":null,\"version\":\"20.10.24\",\"apiVersion\":\"1.41\","
                + "\"endpoint\":\"unix:///var/run/docker.sock\",\"socket\":\"/var/run/docker.sock\",\"rootless\":false,"
                + "\"cgroupVersion\":\"2\",\"enforceableLimits\":[\"memory\",\"cpu\",\"pids\"],"
                + "\"defaultImage\":\"localhost/ironbox/busybox:1\",\"defaultImagePresent\":false}],"
                + "\"auto\":\"docker\",\"configured\":{\"error\":\"invalid config file /x/ironbox.toml, line 1,"
                + " column 11: oops\"}}"
                + System.lineSeparator());

        JsonNode docker = new ObjectMapper().readTree(console.out()).get("runtimes").get(0);
        assertThat(docker.get("usable").asBoolean()).isTrue();
        assertThat(docker.get("version").asText()).isEqualTo("20.10.24");
        assertThat(docker.get("apiVersion").asText()).isEqualTo("1.41");
        assertThat(docker.get("socket").asText()).isEqualTo("/var/run/docker.sock");
        assertThat(docker.get("rootless").asBoolean()).isFalse();
        assertThat(docker.get("cgroupVersion").asText()).isEqualTo("2");
        assertThat(docker.get("enforceableLimits").toString()).isEqualTo("[\"memory\",\"cpu\",\"pids\"]");
        assertThat(docker.get("defaultImagePresent").asBoolean()).isFalse();
        assertThat(new ObjectMapper().readTree(console.out()).get("configured").get("error").asText())
                .contains("line 1, column 11");
    }

    @Test
    void hostIsolationComesLastWithEnforcedBeforeHow() throws Exception {
        RuntimesReport report = new RuntimesReport(List.of(RuntimeDiagnosis.reached("docker", 100, DOCKER,
                Optional.empty(), true, NetworkIsolation.enforced("nftables rules"))),
                Optional.of(new RuntimeChoice("auto", RuntimeChoice.DEFAULT)), Optional.empty(), Optional.of("docker"),
                Optional.of("docker"));
        Console console = console(report);

        assertThat(console.execute("doctor", "--json")).isEqualTo(ExitCodes.OK);

        JsonNode docker = new ObjectMapper().readTree(console.out()).get("runtimes").get(0);
        List<String> names = JsonNames.of(docker);
        assertThat(names.get(names.size() - 1)).isEqualTo("hostIsolation");
        assertThat(docker.get("hostIsolation").toString()).isEqualTo("{\"enforced\":true,\"how\":\"nftables rules\"}");
    }

    @Test
    void aNamedEndpointIsShownWithWhereItWasNamedAndStopsAuto() throws Exception {
        NamedEndpoint dead = new NamedEndpoint("DOCKER_HOST", "unix:///nonexistent.sock");
        NamedEndpoint live = new NamedEndpoint("CONTAINER_HOST", "unix:///run/user/1000/podman/podman.sock");
        RuntimesReport report = new RuntimesReport(List.of(
                RuntimeDiagnosis.unreachable("docker", 100, "no Docker engine at DOCKER_HOST=unix:///nonexistent.sock:"
                        + " not found").withNamedEndpoint(Optional.of(dead)),
                RuntimeDiagnosis.reached("podman", 90, ROOTLESS, Optional.empty(), true)
                        .withNamedEndpoint(Optional.of(live)),
                RuntimeDiagnosis.reached("third", 5, DOCKER, Optional.empty(), true)),
                Optional.of(new RuntimeChoice("auto", RuntimeChoice.DEFAULT)), Optional.empty(), Optional.empty(),
                Optional.empty());

        Console text = console(report);
        text.execute("doctor");
        assertThat(text.out()).contains(
                "endpoint        unix:///nonexistent.sock (named by DOCKER_HOST; no other is tried)",
                "reason          no Docker engine at DOCKER_HOST=unix:///nonexistent.sock: not found",
                "endpoint        unix:///run/user/1000/podman/podman.sock (named by CONTAINER_HOST)",
                "endpoint        unix:///var/run/docker.sock (found: no endpoint named)",
                "auto would use: none (docker does not work, and DOCKER_HOST names its engine, so auto tries no "
                        + "other)");

        Console json = console(report);
        json.execute("doctor", "--json");
        // the whole output, byte for byte: field names and their order are the CLI contract
        assertThat(json.out()).isEqualTo(
                "{\"ok\":true,\"runtimes\":[{\"id\":\"docker\",\"priority\":100,\"available\":false,\"usable\":false,"
                + "\"reason\":\"no Docker engine at DOCKER_HOST=unix:///nonexistent.sock: not found\","
                + "\"endpoint\":\"unix:///nonexistent.sock\",\"endpointNamedBy\":\"DOCKER_HOST\"},{\"id\":\"podman\","
                + "\"priority\":90,\"available\":true,\"usable\":true,\"reason\":null,"
                + "\"endpoint\":\"unix:///run/user/1000/podman/podman.sock\",\"endpointNamedBy\":\"CONTAINER_HOST\","
                + "\"version\":\"4.3.1\",\"apiVersion\":\"4.3.1\",\"socket\":null,\"rootless\":true,\"cgroupVersion\":\"1\","
                + "\"enforceableLimits\":[\"cpu\"],\"defaultImage\":\"localhost/ironbox/busybox:1\","
                + "\"defaultImagePresent\":true},{\"id\":\"third\",\"priority\":5,\"available\":true,\"usable\":true,"
                + "\"reason\":null,\"endpointNamedBy\":null,\"version\":\"20.10.24\",\"apiVersion\":\"1.41\","
                + "\"endpoint\":\"unix:///var/run/docker.sock\",\"socket\":\"/var/run/docker.sock\",\"rootless\":false,"
                + "\"cgroupVersion\":\"2\",\"enforceableLimits\":[\"memory\",\"cpu\",\"pids\"],"
                + "\"defaultImage\":\"localhost/ironbox/busybox:1\",\"defaultImagePresent\":true}],\"auto\":null,"
                + "\"configured\":{\"runtime\":\"auto\",\"source\":\"default\",\"picks\":null}}"
                + System.lineSeparator());
        JsonNode runtimes = new ObjectMapper().readTree(json.out()).get("runtimes");
        assertThat(runtimes.get(0).get("endpoint").asText()).isEqualTo("unix:///nonexistent.sock");
        assertThat(runtimes.get(0).get("endpointNamedBy").asText()).isEqualTo("DOCKER_HOST");
        assertThat(runtimes.get(1).get("endpointNamedBy").asText()).isEqualTo("CONTAINER_HOST");
        assertThat(runtimes.get(2).get("endpointNamedBy").isNull()).isTrue();
    }

    @Test
    void aBrokenConfigurationIsShownInTheText() {
        RuntimesReport report = new RuntimesReport(List.of(), Optional.empty(),
                Optional.of("two runtime providers have the id 'docker'"), Optional.empty(), Optional.empty());
        Console console = console(report);

        assertThat(console.execute("doctor")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.out()).contains("no runtime is installed",
                "configuration:  error: two runtime providers have the id 'docker'");
    }

    private Console console(RuntimesReport report) {
        return new Console(new FakeSandboxFactory(), cwd, Map.of(),
                requested -> new RuntimeChoice("auto", RuntimeChoice.DEFAULT), () -> report);
    }
}
