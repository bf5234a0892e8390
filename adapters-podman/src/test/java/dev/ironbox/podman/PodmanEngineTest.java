package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.LimitKind;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodmanEngineTest {

    @Test
    void rootfulPodmanEnforcesEveryLimit() {
        assertThat(PodmanEngine.enforceableLimits(false, "1", List.of())).containsExactlyInAnyOrder(LimitKind.values());
    }

    @Test
    void rootlessPodmanOnCgroupsV1EnforcesNone() {
        assertThat(PodmanEngine.enforceableLimits(true, "1", List.of("cpu", "memory", "pids"))).isEmpty();
    }

    @Test
    void rootlessPodmanOnCgroupsV2EnforcesTheDelegatedControllers() {
        assertThat(PodmanEngine.enforceableLimits(true, "2", List.of("cpu", "io", "memory", "pids")))
                .containsExactlyInAnyOrder(LimitKind.CPU, LimitKind.MEMORY, LimitKind.PIDS);
        assertThat(PodmanEngine.enforceableLimits(true, "2", List.of("memory", "pids")))
                .containsExactlyInAnyOrder(LimitKind.MEMORY, LimitKind.PIDS);
    }

    @Test
    void cgroupVersionsAreReportedAsCoreNamesThem() {
        assertThat(PodmanEngine.cgroupVersion("v1")).isEqualTo("1");
        assertThat(PodmanEngine.cgroupVersion("v2")).isEqualTo("2");
        assertThat(PodmanEngine.cgroupVersion(null)).isEqualTo("unknown");
    }

    @Test
    void theSocketIsTheUnixPath() {
        assertThat(PodmanEngine.socket(URI.create("unix:///run/podman/podman.sock")))
                .contains(Path.of("/run/podman/podman.sock"));
    }
}
