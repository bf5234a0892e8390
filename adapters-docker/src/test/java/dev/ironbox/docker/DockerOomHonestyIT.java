package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.OomHonestyContract;
import org.junit.jupiter.api.Test;

/**
 * The OOM contract against this machine's Docker engine, and Docker's own half of the rule it uses: a SIGKILL the
 * command gave itself (137 under a memory limit) is not an OOM kill. (Podman 4 cannot tell the two apart: it never
 * records OOM kills, so its adapter infers them from that very exit; see ExitWatcher.)
 */
class DockerOomHonestyIT extends OomHonestyContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }

    @Test
    void aCommandThatSigkillsItselfIsNotReportedOomKilled() throws Exception {
        RunResult result = runMemoryLimited("sh", "-c", "kill -9 $$");

        assertThat(result.exitCode()).isEqualTo(137);
        assertThat(result.oomKilled()).isFalse();
        assertThat(result.timedOut()).isFalse();
    }
}
