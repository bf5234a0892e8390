package dev.ironbox.kubernetes.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.TmpfsMount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodSpecsTest {

    /** A run's spec as core's HardenedSpecs makes one, without binds. */
    static ContainerSpec.Builder base() {
        return ContainerSpec.builder()
                .name("ironbox-0f4c1e9a-5d2b-4e57-9d1c-3a0d6b7e8f21")
                .image("busybox:1.36")
                .command(List.of("echo", "hi"))
                .env(Map.of("HOME", "/tmp"))
                .workingDir("/workspace")
                .user("1000:1000")
                .labels(Map.of("dev.ironbox.managed", "true"))
                .addTmpfs(new TmpfsMount("/tmp", 64L << 20))
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .noNewPrivileges(true)
                .memoryBytes(512L << 20)
                .memorySwapBytes(512L << 20)
                .nanoCpus(1_500_000_000L)
                .pidsLimit(256)
                .init(true)
                .networkMode("none");
    }

    static ContainerSpec spec(Map<String, String> labels, String network) {
        return base().labels(labels).networkMode(network).build();
    }

    @Test
    void nanoCpusBecomeMillicoresRoundedUpAtLeastOne() {
        assertThat(PodSpecs.millicores(1_500_000_000L)).isEqualTo(1500);
        assertThat(PodSpecs.millicores(1_000_001L)).isEqualTo(2);
        assertThat(PodSpecs.millicores(999_999L)).isEqualTo(1);
        assertThat(PodSpecs.millicores(1L)).isEqualTo(1);
        assertThat(PodSpecs.millicores(0L)).isEqualTo(1);
    }

    @Test
    void aWritableBindIsRefusedAsAPolicy() {
        ContainerSpec spec = base().addBinds(new Mount(Path.of("/tmp"), "/workspace", false)).build();

        assertThatThrownBy(() -> PodSpecs.check(spec)).isInstanceOf(PolicyRefusedException.class)
                .hasMessageStartingWith("the workspace_write policy is refused on Kubernetes: changes in a pod"
                        + " cannot be copied back safely");
    }

    @Test
    void aNameThatIsNoKubernetesNameIsRefused() {
        assertThatThrownBy(() -> PodSpecs.check(base().name("Ironbox_Run").build()))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("cannot create pod 'Ironbox_Run': not a Kubernetes name (lowercase letters, digits, '-'"
                        + " and '.', at most 253)");
        assertThatThrownBy(() -> PodSpecs.check(base().name("a".repeat(254)).build()))
                .isInstanceOf(ContainerFailureException.class);
    }

    @Test
    void aUserThatIsNotNumericOrIsRootIsRefused() {
        assertThatThrownBy(() -> PodSpecs.check(base().user("nobody").build()))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("'nobody' is not uid:gid");
        assertThatThrownBy(() -> PodSpecs.check(base().user("0:0").build()))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("never runs as root");
    }

    @Test
    void aNetworkThatCannotBeALabelValueIsRefused() {
        assertThatThrownBy(() -> PodSpecs.check(base().networkMode("n".repeat(64)).build()))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageEndingWith("cannot be a Kubernetes label value");
        PodSpecs.check(base().networkMode("ironbox-egress-1").build());
    }

    @Test
    void aCapabilityTheRuntimeDefaultProfileWouldNotGuardIsRefused() {
        for (String capability : List.of("SYS_ADMIN", "CAP_SYS_ADMIN", "sys_admin", "ALL", "BPF", "PERFMON",
                "SYS_PTRACE")) {
            assertThatThrownBy(() -> PodSpecs.check(base().addCapAdd(capability).build()))
                    .isInstanceOf(ContainerFailureException.class)
                    .hasMessageContaining(": adding capability " + capability + " is refused on Kubernetes: the pod"
                            + " runs under the runtime's default seccomp profile");
        }
        PodSpecs.check(base().addCapAdd("NET_BIND_SERVICE", "CHOWN").build());
    }

    @Test
    void theGatedCommandAndTheFeedFollowTheBinds() throws Exception {
        Path workspace = java.nio.file.Files.createTempDirectory("ws");
        try {
            ContainerSpec spec = base().addBinds(new Mount(workspace, "/workspace", true),
                    new Mount(workspace, "/etc/ironbox", true)).build();

            assertThat(FeedArchive.plan(spec)).extracting(FeedArchive.Fed::subPath)
                    .containsExactly("workspace", "binds/0");
            assertThat(PodSpecs.GATE).contains("exec \"$@\" </dev/null");
            assertThat(PodSpecs.GATE_KEEPING_STDIN).doesNotContain("</dev/null");
        } finally {
            java.nio.file.Files.delete(workspace);
        }
    }
}
