package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.image.BusyboxRootfs;
import dev.ironbox.core.label.OwnerLabels;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the TCK cannot see: every field of a hardened spec in Podman's inspect, and refusals on a created container. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodmanSpecIT {

    private PodmanRuntime runtime;
    private LibpodClient raw;

    @TempDir
    Path workspace;

    @BeforeAll
    void connect() {
        runtime = PodmanRuntime.connect();
        raw = LibpodClient.open(runtime.endpoint());
    }

    @AfterAll
    void disconnect() {
        raw.close();
        runtime.close();
    }

    private ContainerSpec.Builder spec() {
        String image = SandboxSettings.DEFAULT_IMAGE;
        if (!runtime.images().exists(image)) {
            runtime.images().importRootfs(image, new ByteArrayInputStream(BusyboxRootfs.buildTar()));
        }
        return ContainerSpec.builder()
                .name("ironbox-spec-" + UUID.randomUUID())
                .image(SandboxSettings.DEFAULT_IMAGE)
                .command(List.of("sleep", "60"))
                .env(Map.of("GREETING", "hi"))
                .workingDir("/workspace")
                .user("1000:1000")
                .labels(OwnerLabels.forCurrentProcess("readonly"))
                .addBinds(new Mount(workspace, "/workspace", true))
                .addTmpfs(new TmpfsMount("/tmp", 16L << 20))
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .noNewPrivileges(true)
                .memoryBytes(64L << 20)
                .memorySwapBytes(64L << 20)
                .nanoCpus(500_000_000L)
                .pidsLimit(64)
                .init(true)
                .networkMode("none");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFieldLands() throws Exception {
        ContainerSpec spec = spec().build();
        ContainerId id = runtime.containers().create(spec);
        try {
            Map<String, Object> c = raw.get("/containers/" + id.value() + "/json", Map.class);
            Map<String, Object> config = (Map<String, Object>) c.get("Config");
            Map<String, Object> host = (Map<String, Object>) c.get("HostConfig");
            assertThat(c.get("Name")).isEqualTo(spec.name());
            assertThat(config.get("User")).isEqualTo("1000:1000");
            assertThat(config.get("WorkingDir")).isEqualTo("/workspace");
            assertThat((List<String>) config.get("Env")).contains("GREETING=hi");
            assertThat((Map<String, String>) config.get("Labels")).containsAllEntriesOf(spec.labels());
            assertThat(c.get("Path")).isEqualTo("/run/podman-init");
            assertThat(c.get("Args")).isEqualTo(List.of("--", "sleep", "60"));
            assertThat(host.get("Init")).isEqualTo(true);
            assertThat((List<String>) host.get("CapDrop")).contains("CAP_SYS_CHROOT", "CAP_SETUID", "CAP_NET_RAW",
                    "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_KILL");
            assertThat((List<String>) host.get("CapAdd")).isEmpty();
            // the seccomp profile is not in libpod's inspect of an API-made container: PodmanSeccompIT shows it applies
            assertThat((List<String>) host.get("SecurityOpt")).contains("no-new-privileges");
            assertThat((Map<String, Object>) host.get("LogConfig")).containsEntry("Type", "none");
            assertThat(host.get("ReadonlyRootfs")).isEqualTo(true);
            assertThat(host.get("Privileged")).isEqualTo(false);
            assertThat(host.get("AutoRemove")).isEqualTo(false);
            assertThat((Map<String, String>) host.get("Tmpfs")).containsOnlyKeys("/tmp");
            assertThat(((Map<String, String>) host.get("Tmpfs")).get("/tmp"))
                    .startsWith("rw,nosuid,nodev,noexec,size=16777216,mode=1777");
            assertThat(((Number) host.get("Memory")).longValue()).isEqualTo(64L << 20);
            assertThat(((Number) host.get("MemorySwap")).longValue()).isEqualTo(64L << 20);
            assertThat(((Number) host.get("CpuQuota")).longValue()).isEqualTo(50_000);
            assertThat(((Number) host.get("CpuPeriod")).longValue()).isEqualTo(100_000);
            assertThat(((Number) host.get("PidsLimit")).longValue()).isEqualTo(64);
            assertThat(host.get("NetworkMode")).isEqualTo("none");
            assertThat((List<String>) host.get("Binds")).singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith(workspace + ":/workspace:ro,rbind");
        } finally {
            runtime.lifecycle().remove(id);
        }
        assertThat(runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())).isEmpty();
    }

    @Test
    void anExecInAContainerThatIsNotRunningFailsClearlyAndKillingItIsFine() {
        ContainerId id = runtime.containers().create(spec().build());
        try {
            ExecSpec exec = ExecSpec.builder().command(List.of("true")).env(Map.of()).build();
            assertThatThrownBy(() -> runtime.exec().exec(id, exec, chunk -> {}, Duration.ofSeconds(10)))
                    .isInstanceOf(ContainerFailureException.class)
                    .hasMessageContaining("cannot run exec in container " + id)
                    .hasMessageContaining("running containers");
            runtime.lifecycle().kill(id);
        } finally {
            runtime.lifecycle().remove(id);
        }
    }
}
