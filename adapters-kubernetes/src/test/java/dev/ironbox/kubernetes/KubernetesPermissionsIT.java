package dev.ironbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SandboxPermissionsContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a sandbox may leave on the host, on a real cluster; only under {@code -Pkubernetes-it}. The workspace is copied
 * into the pod and workspace_write is refused, so nothing the sandbox writes reaches this host: the attacks through a
 * writable workspace become the refusal.
 */
class KubernetesPermissionsIT extends SandboxPermissionsContract {

    private static final String REFUSED = "workspace_write is refused on Kubernetes (the workspace is copied in, "
            + "nothing is copied back): workspaceWriteIsRefusedForRunsAndSessions";

    @RegisterExtension
    static final NotOnKubernetes EXCLUDED = NotOnKubernetes.of(Map.of(
            "aWorkspaceWriteRunLeavesNoSetIdNorGroupOrOtherWritableFileOnTheHost", REFUSED,
            "aSessionExecLeavesNoneEitherAndWhatItLeftRunningIsSweptAtTheStop", REFUSED,
            "aCopyOutDoesNotFollowALinkTheSandboxPlantedAtTheDestination", REFUSED
                    + "; a link the sandbox makes stays in the pod's copy"));

    @Override
    protected ContainerRuntime connect() {
        return KubernetesTestCluster.connect();
    }

    @Test
    void workspaceWriteIsRefusedForRunsAndSessions() {
        assertThatThrownBy(() -> sandbox.run(RunRequest.builder().image(SandboxSettings.DEFAULT_IMAGE)
                .workspace(workspace).policy(SandboxPolicy.WORKSPACE_WRITE).command(List.of("true")).build()))
                .isInstanceOf(IronboxException.class)
                .hasMessageContaining("the workspace_write policy is refused on Kubernetes");
        assertThatThrownBy(() -> sandbox.startSession(SessionRequest.builder().image(SandboxSettings.DEFAULT_IMAGE)
                .workspace(workspace).policy(SandboxPolicy.WORKSPACE_WRITE).build()))
                .isInstanceOf(IronboxException.class)
                .hasMessageContaining("the workspace_write policy is refused on Kubernetes");
    }
}
