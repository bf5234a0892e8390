package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.OomHonestyContract;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.ironbox.core.model.ContainerId;
import org.junit.jupiter.api.Test;

/**
 * The OOM contract against this machine's Docker engine, and Docker's own half of the rule it uses: a SIGKILL sent
 * through the engine ({@code docker kill}, by someone other than Ironbox) is not an OOM kill. (A SIGKILL the command
 * gives itself cannot be told from the OOM killer's when Docker lost its OOM notice; see DockerLifecycle.)
 */
class DockerOomHonestyIT extends OomHonestyContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }

    @Test
    void aSigkillSentThroughTheEngineIsNotReportedOomKilled() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<RunResult> run = pool.submit(() -> runMemoryLimited("sleep", "30"));
            List<ContainerId> running = List.of();
            while (running.isEmpty() && !run.isDone()) {
                Thread.sleep(50);
                running = ownContainers();
            }
            assertThat(running).singleElement();
            Thread.sleep(500); // past its start
            Process kill = new ProcessBuilder("docker", "kill", running.get(0).value()).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            RunResult result = run.get(60, TimeUnit.SECONDS);

            assertThat(result.exitCode()).isEqualTo(137);
            assertThat(result.oomKilled()).isFalse();
            assertThat(result.timedOut()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }
}
