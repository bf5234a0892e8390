package dev.ironbox.app;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.service.OwnerLabels;
import dev.ironbox.docker.DockerRuntime;
import java.util.List;

/** Containers a process left behind, asked of the engine directly. */
final class Leftovers {

    private Leftovers() {}

    static List<ContainerId> ownedBy(long pid) {
        try (DockerRuntime docker = DockerRuntime.connect()) {
            return docker.lifecycle().listByLabel(OwnerLabels.OWNER_PID, Long.toString(pid));
        }
    }

    static List<ContainerId> ownedByThisProcess() {
        return ownedBy(ProcessHandle.current().pid());
    }
}
