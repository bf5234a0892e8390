package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.EngineProcess;
import dev.ironbox.core.tck.EngineRestartContract;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine-restart contract on a second {@code dockerd} of this test's own: its own socket, data root, exec root
 * (hence its own containerd) and pid file, no bridge and no iptables rules, in a network namespace of its own, so
 * starting and stopping it touches neither the shared daemon, nor its {@code docker0}, nor the host's firewall. Its storage driver is {@code vfs}: it works on any filesystem and
 * leaves no mounts behind. Its data is removed afterwards.
 */
class DockerRestartIT extends EngineRestartContract {

    @Override
    protected EngineProcess startEngine() throws Exception {
        Path base = Files.createTempDirectory("ironbox-restart-dockerd-");
        Path socket = Path.of("/run/ironbox-it/docker-restart-" + ProcessHandle.current().pid() + ".sock");
        // in a network namespace of its own: a dockerd with --bridge=none deletes the host's docker0 as it starts
        // (moby's removeDefaultBridgeInterface), which broke every later run of the shared daemon
        EngineProcess dockerd = new EngineProcess(List.of("unshare", "--net", "--", "dockerd",
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

    /**
     * What a daemon shutting down does to each container, made deterministic: SIGTERM from outside ({@code docker
     * stop}). The run must end with a clear error, not report the command's exit 143 as its own. (During a restart
     * the wait may also break first; then the error is that one.)
     */
    @Test
    void aRunTheEngineStopsWithSigtermEndsWithAClearErrorNotAnExit143() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<RunResult> run = async(() -> sandbox().run(
                request("sh", "-c", "echo started; sleep 60"), seen("started", started)));
        assertThat(started.await(30, TimeUnit.SECONDS)).as("the run started").isTrue();
        List<ContainerId> running = ownContainers();
        assertThat(running).hasSize(1);

        EngineProcess.runHost("docker", "-H", engineProcess().endpoint().toString(), "stop", "--time", "30",
                running.get(0).value());

        assertEndsWithOneClearError(run);
        assertThat(catchThrowable(run::join)).hasRootCauseInstanceOf(ContainerFailureException.class)
                .rootCause().hasMessageContaining("the engine stopped the container (SIGTERM)");
    }
}
