package dev.ironbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.sandbox.SandboxService;
import dev.ironbox.core.tck.ContainerRuntimeContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime contract (TCK, with its exec-input and inventory parts) on a real cluster; only under
 * {@code -Pkubernetes-it}. What differs on Kubernetes by design is left out with its reason, or asserted as the
 * refusal it is.
 */
class KubernetesRuntimeIT extends ContainerRuntimeContract {

    private static final String NO_IMAGE_STORE = "images come from the cluster's registries: the adapter cannot see a"
            + " node's images (exists() is true, the pull is the kubelet's), nor list, import or remove them";

    @RegisterExtension
    static final NotOnKubernetes EXCLUDED = NotOnKubernetes.of(Map.ofEntries(
            Map.entry("anAbsentImageIsReportedAbsentAndCannotBePulledOffline", NO_IMAGE_STORE),
            Map.entry("theDefaultImageIsInspectedAndListedWithItsTag", NO_IMAGE_STORE),
            Map.entry("anAbsentImageInspectsEmptyAndItsRemovalIsNotAnError", NO_IMAGE_STORE),
            Map.entry("anImportedImageCarriesItsLabelsUntilRemoved", NO_IMAGE_STORE),
            Map.entry("aPullOfAnImageNoRegistryHasFailsNamingIt", NO_IMAGE_STORE),
            Map.entry("aRunWithAMissingImageFailsClearlyAndLeavesNothing", "a missing image is the kubelet's "
                    + "ErrImagePull, a ContainerFailureException quoting it: aRunWithAMissingImageFailsQuotingTheCluster"),
            Map.entry("anEngineThatCannotStartTheCommandSaysWhyAsAType", "the command always starts through the gate's "
                    + "sh, which exits 127 / 126 as a run's init does (aMissingCommandExits127AndANonExecutableOne126)"),
            Map.entry("aForkBombIsHeldByThePidsLimit", "a pod spec has no pids limit: the kubelet's podPidsLimit bounds "
                    + "a pod's processes (README, Kubernetes)"),
            Map.entry("theLimitsReachTheKernel", "a pod spec has no pids limit (the kubelet's podPidsLimit) and swap "
                    + "is the node's: memoryAndCpuReachTheKernel checks the rest"),
            Map.entry("tmpIsASizedTmpfsWithoutExecSetuidOrDevices", "/tmp is an emptyDir of medium Memory, mounted by "
                    + "the kubelet with its own options: tmpIsATmpfsOfItsSize checks what the pod spec can say"),
            Map.entry("thereIsNoNetwork", "a pod always has the cluster network's interface; the default-deny "
                    + "NetworkPolicy isolates it (enforced only by a CNI that supports it)"),
            Map.entry("aWorkspaceHoldingTheEngineSocketIsRefused", "no engine socket on this host: the API server is "
                    + "reached over HTTPS"),
            Map.entry("theWorkspaceIsWritableUnderWorkspaceWrite", "workspace_write is refused on Kubernetes: "
                    + "theWorkspaceWritePolicyIsRefused"),
            Map.entry("describeByLabelDescribesNetworksCarryingTheLabel", "a sandbox network needs Ironbox inside the "
                    + "cluster (its egress proxy must be reachable from the pod); these tests run outside it")));

    @TempDir
    Path mine;

    @Override
    protected ContainerRuntime connect() {
        return KubernetesTestCluster.connect();
    }

    @Test
    void theWorkspaceWritePolicyIsRefused() throws Exception {
        try (SandboxService service = new SandboxService(runtime(), SandboxSettings.builder().build())) {
            assertThatThrownBy(() -> service.run(request("true").policy(SandboxPolicy.WORKSPACE_WRITE).build()))
                    .isInstanceOf(IronboxException.class)
                    .hasMessageContaining("the workspace_write policy is refused on Kubernetes");
        }
    }

    @Test
    void aRunWithAMissingImageFailsQuotingTheCluster() throws Exception {
        String absent = "localhost/ironbox-tck/absent-" + UUID.randomUUID() + ":1";
        try (SandboxService service = new SandboxService(runtime(), SandboxSettings.builder()
                .pullMissingImages(false).build())) {
            assertThatThrownBy(() -> service.run(request("true").image(absent).build()))
                    .isInstanceOf(IronboxException.class).hasMessageContaining(absent);
        }
    }

    @Test
    void memoryAndCpuReachTheKernel() throws Exception {
        String script = "if [ -f /sys/fs/cgroup/memory.max ]; then cd /sys/fs/cgroup; cat memory.max cpu.max;"
                + " else cd /sys/fs/cgroup; cat memory/memory.limit_in_bytes;"
                + " echo \"$(cat cpu/cpu.cfs_quota_us) $(cat cpu/cpu.cfs_period_us)\"; fi";
        try (SandboxService service = new SandboxService(runtime(), SandboxSettings.builder().build())) {
            RunResult result = service.run(request("sh", "-c", script).limits(ResourceLimits.builder()
                    .memoryBytes(64L << 20).cpus(0.5).build()).build());
            assertThat(result.stderr()).isEmpty();
            assertThat(result.stdout()).isEqualTo("67108864\n50000 100000\n");
        }
    }

    @Test
    void tmpIsATmpfsOfItsSize() throws Exception {
        try (SandboxService service = new SandboxService(runtime(), SandboxSettings.builder().build())) {
            RunResult result = service.run(request("grep", " /tmp ", "/proc/mounts")
                    .limits(ResourceLimits.builder().tmpfsBytes(8L << 20).build()).build());
            assertThat(result.stdout()).startsWith("tmpfs /tmp tmpfs ").contains("size=8192k");
        }
    }

    private RunRequest.Builder request(String... command) throws Exception {
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwxrwxrwx"));
        return RunRequest.builder().command(List.of(command)).workspace(mine).image(SandboxSettings.DEFAULT_IMAGE);
    }
}
