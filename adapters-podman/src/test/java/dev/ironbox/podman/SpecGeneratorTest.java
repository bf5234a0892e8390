package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.TmpfsMount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecGeneratorTest {

    private static final Path PROFILE = Path.of("/run/user/0/ironbox/seccomp/0123.json");

    private static ContainerSpec.Builder hardened() {
        return ContainerSpec.builder()
                .name("ironbox-1")
                .image("localhost/ironbox/busybox:1")
                .command(List.of("sh", "-c", "echo hi"))
                .env(Map.of("HOME", "/tmp"))
                .workingDir("/workspace")
                .user("1000:1000")
                .labels(Map.of("dev.ironbox.managed", "true"))
                .addBinds(new Mount(Path.of("/home/me/project"), "/workspace", true))
                .addTmpfs(new TmpfsMount("/tmp", 512L << 20))
                .readOnlyRootfs(true)
                .addCapDrop("all")
                .noNewPrivileges(true)
                .memoryBytes(64L << 20)
                .memorySwapBytes(64L << 20)
                .nanoCpus(1_500_000_000L)
                .pidsLimit(512)
                .init(true)
                .networkMode("none");
    }

    @Test
    void everyFieldOfTheSpecIsApplied() {
        Map<String, Object> s = SpecGenerator.from(hardened().build(), PROFILE);
        assertThat(s).containsEntry("name", "ironbox-1")
                .containsEntry("image", "localhost/ironbox/busybox:1")
                .containsEntry("entrypoint", List.of())
                .containsEntry("command", List.of("sh", "-c", "echo hi"))
                .containsEntry("env", Map.of("HOME", "/tmp"))
                .containsEntry("work_dir", "/workspace")
                .containsEntry("user", "1000:1000")
                .containsEntry("labels", Map.of("dev.ironbox.managed", "true"))
                .containsEntry("read_only_filesystem", true)
                .containsEntry("read_only_tmpfs", false)
                .containsEntry("cap_drop", List.of("ALL"))
                .containsEntry("cap_add", List.of())
                .containsEntry("no_new_privileges", true)
                .containsEntry("privileged", false)
                .containsEntry("init", true)
                .containsEntry("netns", Map.of("nsmode", "none"))
                .containsEntry("terminal", false)
                .containsEntry("stdin", false)
                .containsEntry("remove", false)
                .containsEntry("seccomp_policy", "default")
                .containsEntry("seccomp_profile_path", PROFILE.toString())
                .containsEntry("log_configuration", Map.of("driver", "none"))
                .doesNotContainKey("Networks");
        assertThat(s.get("mounts")).isEqualTo(List.of(
                Map.of("destination", "/workspace", "source", "/home/me/project", "type", "bind",
                        "options", List.of("ro", "rbind")),
                Map.of("destination", "/tmp", "source", "tmpfs", "type", "tmpfs",
                        "options", List.of("rw", "nosuid", "nodev", "noexec", "size=536870912", "mode=1777"))));
        assertThat(s.get("resource_limits")).isEqualTo(Map.of(
                "memory", Map.of("limit", 64L << 20, "swap", 64L << 20),
                "cpu", Map.of("quota", 150_000L, "period", 100_000L),
                "pids", Map.of("limit", 512L)));
    }

    @Test
    void anOpenStandardInputHasNoTerminal() {
        assertThat(SpecGenerator.from(hardened().openStdin(true).build(), PROFILE))
                .containsEntry("stdin", true).containsEntry("terminal", false);
    }

    @Test
    void autoRemoveIsSetOnlyWhenTheSpecAsksForIt() {
        assertThat(SpecGenerator.from(hardened().autoRemove(true).build(), PROFILE)).containsEntry("remove", true);
        assertThat(SpecGenerator.from(hardened().autoRemove(false).build(), PROFILE)).containsEntry("remove", false);
    }

    @Test
    void aWritableBindIsRw() {
        Map<String, Object> s = SpecGenerator.from(hardened().binds(List.of(new Mount(Path.of("/w"), "/workspace",
                false))).tmpfs(List.of()).build(), PROFILE);
        assertThat(s.get("mounts")).isEqualTo(List.of(Map.of("destination", "/workspace", "source", "/w",
                "type", "bind", "options", List.of("rw", "rbind"))));
    }

    @Test
    void theCpuLimitIsAQuotaOfA100msPeriod() {
        assertThat(SpecGenerator.cpuQuota(1_000_000_000L)).isEqualTo(100_000L);
        assertThat(SpecGenerator.cpuQuota(500_000_000L)).isEqualTo(50_000L);
        assertThat(SpecGenerator.cpuQuota(2_250_000_000L)).isEqualTo(225_000L);
    }

    @Test
    void zeroLimitsAreLeftOut() {
        Map<String, Object> limits = SpecGenerator.resourceLimits(hardened().memoryBytes(0).memorySwapBytes(0)
                .nanoCpus(0).pidsLimit(0).build());
        assertThat(limits).isEmpty();
    }

    @Test
    void networkModesMapToNetworkNamespaces() {
        assertThat(SpecGenerator.network("none")).isEqualTo(Map.of("netns", Map.of("nsmode", "none")));
        assertThat(SpecGenerator.network("host")).isEqualTo(Map.of("netns", Map.of("nsmode", "host")));
        assertThat(SpecGenerator.network("default")).isEqualTo(Map.of("netns", Map.of("nsmode", "bridge")));
        assertThat(SpecGenerator.network("isolated")).isEqualTo(Map.of("netns", Map.of("nsmode", "bridge"),
                "Networks", Map.of("isolated", Map.of())));
    }

    @Test
    void capabilitiesAreUpperCasedAndValidated() {
        assertThat(SpecGenerator.capabilities("capAdd", List.of("net_bind_service", "CAP_CHOWN")))
                .containsExactly("NET_BIND_SERVICE", "CAP_CHOWN");
        assertThatThrownBy(() -> SpecGenerator.capabilities("capAdd", List.of("chown; rm")))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("cannot apply capAdd: invalid capability 'chown; rm'");
    }
}
