package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.EngineProcess;
import dev.ironbox.core.tck.EngineRestartContract;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine-restart contract on a second {@code dockerd} of this test's own: its own socket, data root, exec root
 * (hence its own containerd) and pid file, no bridge and no iptables rules, so starting and stopping it touches
 * neither the shared daemon nor the host's firewall. Its storage driver is {@code vfs}: it works on any filesystem and
 * leaves no mounts behind. Its data is removed afterwards.
 */
class DockerRestartIT extends EngineRestartContract {

    @Override
    protected EngineProcess startEngine() throws Exception {
        Path base = Files.createTempDirectory("ironbox-restart-dockerd-");
        Path socket = Path.of("/run/ironbox-it/docker-restart-" + ProcessHandle.current().pid() + ".sock");
        EngineProcess dockerd = new EngineProcess(List.of("dockerd",
                "--host", "unix://" + socket,
                "--data-root", base.resolve("data").toString(),
                "--exec-root", base.resolve("exec").toString(),
                "--pidfile", base.resolve("dockerd.pid").toString(),
                "--bridge=none", "--iptables=false", "--ip-masq=false", "--ip-forward=false",
                "--storage-driver=vfs"),
                socket, base.resolve("dockerd.log"), () -> {
                    EngineProcess.runHost("rm", "-rf", "--one-file-system", base.toString());
                    EngineProcess.runHost("rm", "-f", socket.toString());
                });
        dockerd.start();
        return dockerd;
    }

    @Override
    protected ContainerRuntime connect(URI endpoint) {
        return DockerRuntime.connect(endpoint);
    }
}
