package dev.ironbox.podman;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.EngineLogContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** No engine log of a sandbox's output (the engine log contract) on this machine's Podman engine. */
class PodmanEngineLogIT extends EngineLogContract {

    private LibpodClient raw;

    @Override
    protected ContainerRuntime connect() {
        PodmanRuntime runtime = PodmanRuntime.connect();
        raw = LibpodClient.open(runtime.endpoint());
        return runtime;
    }

    /** The container's {@code StaticDir} (its {@code userdata}), where the k8s-file driver keeps {@code ctr.log}. */
    @Override
    protected Path engineFilesOf(ContainerId id) {
        Map<?, ?> inspected = raw.get("/containers/" + LibpodClient.path(id.value()) + "/json", Map.class);
        return Path.of((String) inspected.get("StaticDir"));
    }

    @AfterAll
    void closeRawClient() {
        if (raw != null) {
            raw.close();
        }
    }
}
