package dev.ironbox.kubernetes.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.run.ExecKiller;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecCommandTest {

    @TempDir
    Path dir;

    @Test
    void withoutVariablesOrInputTheScriptExecsTheCommandInItsDirectory() {
        ExecSpec spec = ExecSpec.builder().command(List.of("ls", "-l")).workingDir("/work").build();

        assertThat(ExecCommand.argv(spec, OptionalLong.empty()))
                .containsExactly("sh", "-c", ExecCommand.SCRIPT, "ironbox-exec", "/work", "-", "ls", "-l");
    }

    @Test
    void variablesGoFirstThroughEnvSoTheRootProcessCarriesThem() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IRONBOX_EXEC_ID", "m-1");
        env.put("GREETING", "a b=c");
        ExecSpec spec = ExecSpec.builder().command(List.of("true")).env(env).workingDir("/").build();

        assertThat(ExecCommand.argv(spec, OptionalLong.of(42))).containsExactly("env", "IRONBOX_EXEC_ID=m-1",
                "GREETING=a b=c", "sh", "-c", ExecCommand.SCRIPT, "ironbox-exec", "/", "42", "true");
    }

    @Test
    void anotherUserOrAnUnpassableVariableIsRefused() {
        assertThatThrownBy(() -> ExecCommand.argv(
                ExecSpec.builder().command(List.of("id")).user("0:0").build(), OptionalLong.empty()))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("pod's user");
        assertThatThrownBy(() -> ExecCommand.argv(
                ExecSpec.builder().command(List.of("id")).env(Map.of("-i", "x")).build(), OptionalLong.empty()))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("'-i'");
    }

    /** The script on this host's sh: the input ends after N bytes although the stream stays open. */
    @Test
    void theCommandSeesEndOfInputAfterTheFramedBytesWhileTheStreamStaysOpen() throws Exception {
        Path out = dir.resolve("out");
        ExecSpec spec = ExecSpec.builder().command(List.of("sh", "-c", "cat > \"$0\"; exit 3", out.toString()))
                .workingDir(dir.toString()).build();
        Process process = new ProcessBuilder(ExecCommand.argv(spec, OptionalLong.of(5))).start();
        OutputStream stdin = process.getOutputStream();
        stdin.write("hello".getBytes(StandardCharsets.UTF_8));
        stdin.flush(); // and never closed, as on the exec's WebSocket

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("ended without end-of-file on its stdin").isTrue();
        assertThat(process.exitValue()).isEqualTo(3);
        assertThat(Files.readString(out)).isEqualTo("hello");
        stdin.close();
    }

    /** A copy into a session as core's FileCopier runs it (ExecKiller's wrapper, tar -x): tar ends at the frame. */
    @Test
    void aCopysTarExtractionEndsAtTheFramedLengthThroughExecKillersWrapper() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("hello.txt"), "hi");
        Process pack = new ProcessBuilder("tar", "-c", "-f", "-", "-C", source.toString(), "hello.txt").start();
        byte[] tar = pack.getInputStream().readAllBytes();
        assertThat(pack.waitFor()).isZero();
        String marker = ExecKiller.newMarker();
        Path target = dir.resolve("target");
        ExecSpec spec = ExecSpec.builder()
                .command(ExecKiller.wrap(List.of("sh", "-c", "mkdir -p -- \"$1\" && exec tar -x -o -f - -C \"$1\"",
                        "ironbox-cp", target.toString())))
                .env(Map.of(ExecKiller.MARKER_VARIABLE, marker)).workingDir("/").build();
        try {
            Process process = new ProcessBuilder(ExecCommand.argv(spec, OptionalLong.of(tar.length))).start();
            process.getOutputStream().write(tar);
            process.getOutputStream().flush(); // left open

            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("tar saw no end of its input").isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(Files.readString(target.resolve("hello.txt"))).isEqualTo("hi");
            process.getOutputStream().close();
        } finally {
            Files.deleteIfExists(Path.of("/tmp/.ironbox-exec-" + marker)); // the wrapper's pid file
        }
    }

    @Test
    void exitCodesKeepTheirMeaning() throws Exception {
        assertThat(run(List.of("sh", "-c", "exit 7"), dir.toString(), OptionalLong.empty())).isEqualTo(7);
        assertThat(run(List.of("no-such-command-here"), dir.toString(), OptionalLong.empty())).isEqualTo(127);
        assertThat(run(List.of("no-such-command-here"), dir.toString(), OptionalLong.of(0))).isEqualTo(127);
        assertThat(run(List.of("true"), dir.resolve("missing").toString(), OptionalLong.empty())).isEqualTo(126);
        Path noHead = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(noHead.resolve("sh"), Path.of("/bin/sh"));
        assertThat(run(List.of("true"), dir.toString(), OptionalLong.of(0), Map.of("PATH", noHead.toString())))
                .as("input without head").isEqualTo(127);
        Map<String, String> env = Map.of("IRONBOX_T", "v w");
        assertThat(run(List.of("sh", "-c", "[ \"$IRONBOX_T\" = 'v w' ] && [ \"$(pwd)\" = \"$0\" ]",
                dir.toString()), dir.toString(), OptionalLong.empty(), env)).isZero();
    }

    private static int run(List<String> command, String workingDir, OptionalLong input)
            throws IOException, InterruptedException {
        return run(command, workingDir, input, Map.of());
    }

    private static int run(List<String> command, String workingDir, OptionalLong input, Map<String, String> env)
            throws IOException, InterruptedException {
        ExecSpec spec = ExecSpec.builder().command(new ArrayList<>(command)).env(env).workingDir(workingDir).build();
        Process process = new ProcessBuilder(ExecCommand.argv(spec, input)).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
