package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** An engine's error may echo a megabyte of the caller's input: it parses, and the message stays bounded. */
    @ParameterizedTest
    @ValueSource(ints = {10_000, 100_000, 1_000_000})
    void hugeErrorBodiesGiveABoundedMessageWithItsBeginning(int size) {
        LibpodException e = reply(500, "{\"cause\":\"invalid reference format\",\"message\":\"normalizing name "
                + "for compat API: " + "a".repeat(size) + ": invalid reference format\",\"response\":500}").error();
        assertThat(e.getMessage()).startsWith("normalizing name for compat API: aaaa")
                .contains(" more characters)").hasSizeLessThan(Errors.LONGEST_MESSAGE + 80);
        assertThat(e.engineCause()).isEqualTo("invalid reference format");
        LibpodException hugeCause = reply(500, "{\"cause\":\"" + "c".repeat(size) + "\",\"message\":\"m\"}").error();
        assertThat(hugeCause.getMessage()).hasSizeLessThan(2 * Errors.LONGEST_MESSAGE + 80);
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 1_000_000})
    void hugePlainDeepOrBrokenBodiesAreQuotedShortNeverThrown(int size) {
        assertThat(reply(502, "x".repeat(size)).error().getMessage()).startsWith("HTTP 502: xxx")
                .hasSizeLessThan(600);
        assertThat(reply(500, "[".repeat(size) + "]".repeat(size)).error().getMessage()).startsWith("HTTP 500: [[[")
                .hasSizeLessThan(600);
        assertThat(reply(500, "{\"message\":\"" + "y".repeat(size)).error().getMessage())
                .startsWith("HTTP 500: {\"message\":\"yyy").hasSizeLessThan(600);
        assertThat(reply(500, "{\"message\":\"" + "\\\"".repeat(size / 2) + "\"}").error().getMessage())
                .startsWith("\"\"\"").hasSizeLessThan(Errors.LONGEST_MESSAGE + 80);
        assertThat(Errors.message(new LibpodException(500, "z".repeat(size), ""))).hasSizeLessThan(
                Errors.LONGEST_MESSAGE + 80);
    }

    @Test
    void theHostsCpusAndMemoryAreRead() {
        Libpod.Info info = reply(200, "{\"host\":{\"cpus\":2,\"memTotal\":25276157952,\"cgroupVersion\":\"v1\"}}")
                .json(Libpod.Info.class);
        assertThat(PodmanEngine.capacity(info.host()).cpus()).hasValue(2);
        assertThat(PodmanEngine.capacity(info.host()).memoryBytes()).hasValue(25_276_157_952L);
        assertThat(PodmanEngine.capacity(reply(200, "{\"host\":{}}").json(Libpod.Info.class).host()).cpus()).isEmpty();
        assertThat(PodmanEngine.capacity(null).memoryBytes()).isEmpty();
    }
}
