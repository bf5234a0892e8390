package dev.ironbox.kubernetes.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate run by this machine's {@code /bin/sh}, as the pod's {@code sh -c GATE ironbox argv...}. */
class PodGateTest {

    @TempDir
    Path dir;

    private record Ran(int exit, String out, String err) {}

    private static Ran gate(String script, String stdin, boolean closeStdin, String... argv) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script, PodSpecs.GATE_NAME));
        command.addAll(List.of(argv));
        Process process = new ProcessBuilder(command).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
            in.flush();
            if (!closeStdin) {
                // a pooled sandbox's input: the gate must leave what follows the line to the command
                in.write("rest of the input\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(process.waitFor(), out, err);
    }

    @Test
    void goRunsTheCommandWithItsArgumentsAndExitCode() throws Exception {
        Ran ran = gate(PodSpecs.GATE, "go\n", true, "sh", "-c", "printf '%s|' \"$@\"; exit 7", "x", "a b", "$HOME");

        assertThat(ran.exit()).isEqualTo(7);
        assertThat(ran.out()).isEqualTo("a b|$HOME|");
    }

    @Test
    void theCommandReadsAnEmptyStandardInput() throws Exception {
        Ran ran = gate(PodSpecs.GATE, "go\nnot for the command\n", true, "cat");

        assertThat(ran.exit()).isZero();
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void aSpecKeepingItsInputGivesTheCommandWhatFollowsTheLine() throws Exception {
        Ran ran = gate(PodSpecs.GATE_KEEPING_STDIN, "go\n", false, "cat");

        assertThat(ran.exit()).isZero();
        assertThat(ran.out()).isEqualTo("rest of the input\n");
    }

    @Test
    void aMissingCommandIs127() throws Exception {
        assertThat(gate(PodSpecs.GATE, "go\n", true, "/no/such/command").exit()).isEqualTo(127);
        assertThat(gate(PodSpecs.GATE, "go\n", true, "no-such-command-on-the-path").exit()).isEqualTo(127);
    }

    @Test
    void aFileThatIsNotExecutableIs126() throws Exception {
        Path file = Files.writeString(dir.resolve("script"), "#!/bin/sh\necho never\n");

        Ran ran = gate(PodSpecs.GATE, "go\n", true, file.toString());

        assertThat(ran.exit()).isEqualTo(126);
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void endOfInputOrAnotherLineIs125AndRunsNothing() throws Exception {
        Path marker = dir.resolve("ran");
        String[] touch = {"touch", marker.toString()};

        assertThat(gate(PodSpecs.GATE, "", true, touch).exit()).isEqualTo(125);
        assertThat(gate(PodSpecs.GATE, "go", true, touch).exit()).isEqualTo(125);
        assertThat(gate(PodSpecs.GATE, "stop\n", true, touch).exit()).isEqualTo(125);
        assertThat(gate(PodSpecs.GATE, "go \n", true, touch).exit()).isEqualTo(125);
        assertThat(gate(PodSpecs.GATE_KEEPING_STDIN, "", true, touch).exit()).isEqualTo(125);
        assertThat(marker).doesNotExist();
    }

    @Test
    void pingsAreAnsweredInOrderWithMarkerLinesOnStdoutBeforeTheCommandRuns() throws Exception {
        Ran ran = gate(PodSpecs.GATE, "ping 1\nping 2\ngo\n", true, "printf", "out");

        assertThat(ran.exit()).isZero();
        assertThat(ran.out()).isEqualTo("\036ironbox-ready 1\n\036ironbox-ready 2\nout");
        assertThat(ran.err()).isEmpty();
    }

    @Test
    void aPingedGateKeepingItsInputStillGivesTheCommandWhatFollowsGo() throws Exception {
        Ran ran = gate(PodSpecs.GATE_KEEPING_STDIN, "ping 7\ngo\n", false, "cat");

        assertThat(ran.exit()).isZero();
        assertThat(ran.out()).isEqualTo("\036ironbox-ready 7\nrest of the input\n");
    }

    @Test
    void endOfInputOrAnotherLineAfterPingsIs125() throws Exception {
        Path marker = dir.resolve("ran");
        String[] touch = {"touch", marker.toString()};

        Ran eof = gate(PodSpecs.GATE, "ping 1\n", true, touch);
        assertThat(eof.exit()).isEqualTo(125);
        assertThat(eof.out()).isEqualTo("\036ironbox-ready 1\n");
        assertThat(gate(PodSpecs.GATE, "ping 1\nstop\ngo\n", true, touch).exit()).isEqualTo(125);
        assertThat(gate(PodSpecs.GATE, "ping x\ngo\n", true, touch).exit()).isEqualTo(125);
        assertThat(gate(PodSpecs.GATE_KEEPING_STDIN, "ping 1\n", true, touch).exit()).isEqualTo(125);
        assertThat(marker).doesNotExist();
    }

    @Test
    void theGateItselfRunsAsTheCommandOnGo() throws IOException, Exception {
        Path marker = dir.resolve("ran");

        assertThat(gate(PodSpecs.GATE, "go\n", true, "touch", marker.toString()).exit()).isZero();
        assertThat(marker).exists();
    }
}
