package dev.ironbox.kubernetes;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SandboxSessionContract;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session contract (exec, TTL, copy in and out) on a real cluster; only under {@code -Pkubernetes-it}. */
class KubernetesSessionIT extends SandboxSessionContract {

    @RegisterExtension
    static final NotOnKubernetes EXCLUDED = NotOnKubernetes.of(Map.of(
            "runsAndSessionsOfAHostToolsImageUseTheHostsToolchain", "a host-tools image binds this host's /usr: a "
                    + "pod runs on a node, and image host-tools is refused on Kubernetes",
            "cleanupRemovesWhatADeadProcessLeftAndLeavesLiveOnesAlone", "a pod's owner is its instance's Lease, not "
                    + "a host process: cleanup reaps the pods of expired Leases (the mock-server tests of the owner "
                    + "package)"));

    @Override
    protected ContainerRuntime connect() {
        return KubernetesTestCluster.connect();
    }
}
