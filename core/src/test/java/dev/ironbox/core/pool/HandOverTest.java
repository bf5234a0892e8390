package dev.ironbox.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.RunRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The hand-over through the real shim on this host's shells (dash, busybox sh): the command gets exactly its argv and
 * exactly the environment it would get from the engine, whatever the words hold.
 */
class HandOverTest {

    /** Words a shell would otherwise expand, split, or end a line on. */
    private static final List<String> AWKWARD = List.of("with space", "it's", "'", "''", "\"q\"", "$HOME", "${x:-y}",
            "`id`", "$(id)", "a\nb", "\n", "trailing\n", "\\", "\\n", "*", "-e", "é€😀", "", "; exit 3", "&&", "#");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"/bin/dash", "/bin/busybox"})
    void theCommandGetsExactlyItsArgvAndEnvironment(String shell) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "hi there");
        env.put("HOME", "/overridden");
        env.put("MULTI", "one\ntwo 'three' $four `five`");
        env.put("ironbox_n", "not the newline"); // a run's variable named as the shim's: the words keep theirs
        env.put("PWD", "/set/by/the/run");
        env.put("EMPTY", "");
        List<String> argv = new ArrayList<>(List.of("/usr/bin/printf", "%s\\0"));
        argv.addAll(AWKWARD);

        Shim args = shim(shell, request(argv, env));
        Shim vars = shim(shell, request(List.of("/usr/bin/env", "-0"), env));

        assertThat(args.exit).as(args.stderr).isZero();
        assertThat(args.fields()).containsExactlyElementsOf(AWKWARD);
        Map<String, String> expectedEnv = new LinkedHashMap<>(baseEnv());
        expectedEnv.putAll(env);
        assertThat(vars.env()).containsExactlyInAnyOrderEntriesOf(expectedEnv);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/dash", "/bin/busybox"})
    void noVariableOfTheShellOrTheShimLeaks(String shell) throws Exception {
        Shim shim = shim(shell, request(List.of("/usr/bin/env", "-0"), Map.of()));
        assertThat(shim.env()).containsExactlyInAnyOrderEntriesOf(baseEnv());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/dash", "/bin/busybox"})
    void aMissingCommandExits127AndANonExecutableOne126(String shell) throws Exception {
        assertThat(shim(shell, request(List.of("ironbox-no-such-command"), Map.of())).exit).isEqualTo(127);
        Path plain = Files.writeString(dir.resolve("plain"), "not a program");
        assertThat(shim(shell, request(List.of(plain.toString()), Map.of())).exit).isEqualTo(126);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/dash", "/bin/busybox"})
    void exitCodesAndTheCommandsStdinAreACold(String shell) throws Exception {
        Shim shim = shim(shell, request(List.of("sh", "-c", "cat; exit 7"), Map.of()));
        assertThat(shim.exit).isEqualTo(7);
        assertThat(shim.stdout).isEmpty(); // what follows the line on the shim's stdin never reaches the command
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/dash", "/bin/busybox"})
    void anUnclaimedShimExitsByItselfAtItsAgeAndABrokenLineRunsNothing(String shell) throws Exception {
        Process waiting = start(shell, Duration.ofSeconds(1));
        // stdin stays open: only its own deadline ends it (busybox: read -t, exit 0; dash: the timer's TERM)
        assertThat(waiting.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(waiting.exitValue()).isIn(0, 143);

        Process broken = start(shell, Duration.ofSeconds(60));
        try (OutputStream in = broken.getOutputStream()) {
            in.write("set -- touch broken && exec \"$@\"".getBytes(StandardCharsets.UTF_8)); // no newline
        }
        assertThat(broken.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(broken.exitValue()).isZero();
        assertThat(dir.resolve("broken")).doesNotExist();
    }

    @Test
    void requestsThatCannotTravelRunCold() {
        assertThat(HandOver.line(request(List.of("true"), Map.of("A.B", "1")))).isEmpty();
        assertThat(HandOver.line(request(List.of("-dash"), Map.of()))).isEmpty();
        assertThat(HandOver.line(request(List.of("echo", "x".repeat(HandOver.MAX_BYTES)), Map.of()))).isEmpty();
        assertThat(HandOver.line(request(List.of("echo", "a\nb"), Map.of("A", "b\nc"))).orElseThrow())
                .as("one line").satisfies(line -> assertThat(new String(line, StandardCharsets.UTF_8).strip())
                        .doesNotContain("\n"));
    }

    // ---- helpers ----

    private RunRequest request(List<String> command, Map<String, String> env) {
        return RunRequest.builder().command(command).env(env).workspace(dir).image("img").build();
    }

    /** What the engine gives every process of the container: the image's and the spec's variables. */
    private static Map<String, String> baseEnv() {
        return Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp");
    }

    private Process start(String shell, Duration age) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(shell);
        if (shell.endsWith("busybox")) {
            command.add("sh");
        }
        command.addAll(WarmShim.waitingAtMost(age).subList(1, WarmShim.waitingAtMost(age).size()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(baseEnv());
        return builder.start();
    }

    private Shim shim(String shell, RunRequest request) throws Exception {
        Process process = start(shell, Duration.ofSeconds(60));
        try (OutputStream in = process.getOutputStream()) {
            in.write(HandOver.line(request).orElseThrow());
            in.write("echo more input\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Shim(process.exitValue(), new String(out, StandardCharsets.UTF_8), err);
    }

    private record Shim(int exit, String stdout, String stderr) {

        /** The NUL-terminated fields written. */
        List<String> fields() {
            List<String> fields = List.of(stdout.split("\0", -1));
            return fields.subList(0, fields.size() - 1);
        }

        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String pair : fields()) {
                int eq = pair.indexOf('=');
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return env;
        }
    }
}
