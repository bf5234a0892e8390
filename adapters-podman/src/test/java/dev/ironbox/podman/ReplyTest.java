package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyTest {

    private static Reply reply(int status, String body) {
        return new Reply(status, body.getBytes(StandardCharsets.UTF_8), name -> null);
    }

    @Test
    void theEnginesMessageIsKeptVerbatimWithItsCauseWhenTheMessageLacksIt() {
        LibpodException e = reply(500, "{\"cause\":\"container state improper\",\"message\":\"can only kill running "
                + "containers. abc is in state exited: container state improper\",\"response\":500}").error();
        assertThat(e).hasMessage("can only kill running containers. abc is in state exited: container state improper");
        assertThat(e.isStateConflict()).isTrue();
        assertThat(reply(500, "{\"cause\":\"exit status 1\",\"message\":\"unable to import\"}").error())
                .hasMessage("unable to import (exit status 1)");
    }

    @Test
    void aBodyThatIsNotAnEngineErrorIsQuoted() {
        assertThat(reply(502, "Bad Gateway").error()).hasMessage("HTTP 502: Bad Gateway");
        assertThat(reply(500, "").error()).hasMessage("HTTP 500");
    }

    @Test
    void unknownFieldsAreIgnoredAndNamesMatchWhateverTheirCase() {
        Libpod.Info info = reply(200, "{\"host\":{\"cgroupVersion\":\"v2\",\"cgroupControllers\":[\"cpu\",\"pids\"],"
                + "\"security\":{\"rootless\":true,\"seccompEnabled\":true},\"arch\":\"amd64\"},\"store\":{}}")
                .json(Libpod.Info.class);
        assertThat(info.host().security().rootless()).isTrue();
        assertThat(info.host().cgroupControllers()).containsExactly("cpu", "pids");
        Libpod.Container c = reply(200, "{\"Id\":\"x\",\"State\":{\"Status\":\"exited\",\"ExitCode\":137,"
                + "\"OOMKilled\":true},\"HostConfig\":{\"Init\":true,\"Memory\":16777216}}")
                .json(Libpod.Container.class);
        assertThat(c.state().oomKilled()).isTrue();
        assertThat(c.state().exitCode()).isEqualTo(137);
        assertThat(c.hostConfig().init()).isTrue();
        assertThat(c.hostConfig().memory()).isEqualTo(16L << 20);
    }
}
