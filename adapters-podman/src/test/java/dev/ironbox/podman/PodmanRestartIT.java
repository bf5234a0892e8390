package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.EngineProcess;
import dev.ironbox.core.tck.EngineRestartContract;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine-restart contract on a second Podman API service of this test's own, on its own socket. It shares the
 * storage of the main one (containers survive a service restart under conmon, as with the main service), so stopping
 * and starting it does not disturb the shared service or the tests running on it.
 */
class PodmanRestartIT extends EngineRestartContract {

    @Override
    protected EngineProcess startEngine() throws Exception {
        Path socket = Path.of("/run/ironbox-it/podman-restart-" + ProcessHandle.current().pid() + ".sock");
        Path log = Files.createTempFile("ironbox-restart-podman-", ".log");
        EngineProcess service = new EngineProcess(List.of("podman", "system", "service", "--time=0",
                "unix://" + socket), socket, log, () -> {
                    EngineProcess.runHost("rm", "-f", socket.toString(), log.toString());
                });
        service.start();
        return service;
    }

    @Override
    protected ContainerRuntime connect(URI endpoint) {
        return PodmanRuntime.connect(endpoint);
    }
}
