package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SessionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command to run takes its own options: without {@code --}, a word after its first that Ironbox would also read as
 * its own is refused (exit 125, one line naming it and saying to use {@code --}), never taken by Ironbox.
 */
class CommandWordsTest {

    @TempDir
    Path cwd;

    private final FakeSandboxFactory factory = new FakeSandboxFactory();
    private Console console;

    @BeforeEach
    void setUp() {
        console = new Console(factory, cwd, Map.of());
        factory.sessions.put("s1", new SessionInfo("s1", "fake", new ContainerId("c-s1"), "img:1",
                SandboxPolicy.READ_ONLY, Instant.now(), Duration.ofMinutes(30), true, true));
    }

    @Test
    void versionAfterTheCommandIsRefusedNotIronboxsVersion() {
        assertRefused("'-V' comes after the command's first word 'python3': put the command and its arguments after "
                + "'--' (ironbox run [options] -- python3 -V)", "run", "python3", "-V");
    }

    @Test
    void helpAfterTheCommandIsRefusedNotIronboxsHelp() {
        assertRefused("'-h' comes after the command's first word 'ls': put the command and its arguments after '--' "
                + "(ironbox run [options] -- ls -h)", "run", "ls", "-h");
        assertRefused("'--help' comes after the command's first word 'ls': put the command and its arguments after "
                + "'--' (ironbox run [options] -- ls --help)", "run", "--help", "ls", "--help");
    }

    @Test
    void anIronboxFlagAfterTheCommandIsRefused() {
        assertRefused("'--json' comes after the command's first word 'curl': put the command and its arguments "
                + "after '--' (ironbox run [options] -- curl --json '{}' URL)", "run", "curl", "--json", "{}", "URL");
    }

    @Test
    void anIronboxOptionWithAValueAfterTheCommandIsRefused() {
        assertRefused("'--timeout' comes after the command's first word 'timeout': put the command and its "
                + "arguments after '--' (ironbox run [options] -- timeout --timeout 5 x)",
                "run", "timeout", "--timeout", "5", "x");
        assertRefused("'--timeout=5' comes after the command's first word 'timeout': put the command and its "
                + "arguments after '--' (ironbox run [options] -- timeout --timeout=5 x)",
                "run", "timeout", "--timeout=5", "x");
        assertRefused("'-hV' comes after the command's first word 'x': put the command and its arguments after '--' "
                + "(ironbox run [options] -- x -hV)", "run", "x", "-hV");
        assertRefused("'--no-default-domains' comes after the command's first word 'x': put the command and its "
                + "arguments after '--' (ironbox run [options] -- x --no-default-domains)",
                "run", "x", "--no-default-domains");
    }

    @Test
    void aDoubleDashAfterTheCommandIsRefused() {
        // it would be Ironbox's end of options and dropped, or the command's own word: not guessed
        assertRefused("'--' comes after the command's first word 'git': put the command and its arguments after "
                + "'--' (ironbox run [options] -- git log -- 'a file')", "run", "git", "log", "--", "a file");
    }

    @Test
    void sessionExecRefusesAnOptionAfterTheCommandsFirstWord() {
        assertRefused("'-V' comes after the command's first word 'python3': put the command and its arguments after "
                + "'--' (ironbox session exec ID [options] -- python3 -V)", "session", "exec", "s1", "python3", "-V");
        assertRefused("'--timeout' comes after the command's first word 'sleep': put the command and its arguments "
                + "after '--' (ironbox session exec ID [options] -- sleep 9 --timeout 1s)",
                "session", "exec", "--timeout", "5s", "s1", "sleep", "9", "--timeout", "1s");
        assertThat(factory.execRequests).isEmpty();
    }

    @Test
    void afterDoubleDashEveryWordIsTheCommands() {
        assertThat(console.execute("run", "--", "python3", "-V", "--", "--json")).as(console.err()).isZero();

        assertThat(factory.requests.get(0).command()).containsExactly("python3", "-V", "--", "--json");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void optionsBeforeTheCommandAndACommandWithoutIronboxWordsNeedNoDoubleDash() {
        assertThat(console.execute("run", "--timeout", "5s", "echo", "hi")).as(console.err()).isZero();
        assertThat(console.execute("run", "echo", "hi")).as(console.err()).isZero();
        // the command's own options that are not Ironbox's are its own, wherever they stand
        assertThat(console.execute("run", "--json", "sh", "-c", "echo hi")).as(console.err()).isZero();

        assertThat(factory.requests.get(0).limits().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(factory.requests.get(0).command()).containsExactly("echo", "hi");
        assertThat(factory.requests.get(1).command()).containsExactly("echo", "hi");
        assertThat(factory.requests.get(2).command()).containsExactly("sh", "-c", "echo hi");
    }

    @Test
    void sessionExecTakesOptionsAfterTheIdAndItsCommandsOwnAfterDoubleDash() {
        assertThat(console.execute("session", "exec", "s1", "--timeout", "5s", "--", "cmd", "-V")).as(console.err())
                .isZero();
        assertThat(console.execute("session", "exec", "--json", "s1", "--timeout", "5s", "cmd", "arg"))
                .as(console.err()).isZero();

        assertThat(factory.execRequests.get(0).command()).containsExactly("cmd", "-V");
        assertThat(factory.execRequests.get(0).limits().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(factory.execRequests.get(1).command()).containsExactly("cmd", "arg");
    }

    @Test
    void helpAndVersionBeforeTheCommandStayIronboxs() {
        assertThat(console.execute("run", "-V")).isZero();
        assertThat(console.out()).isNotBlank();
        assertThat(factory.requests).isEmpty();
    }

    @Test
    void aWordStartingWithAtIsTheCommandsNotAHostFileToExpand() throws Exception {
        Path data = Files.writeString(cwd.resolve("data.json"), "host secret");

        assertThat(console.execute("run", "--", "curl", "-d", "@" + data, "@@x")).as(console.err()).isZero();

        // picocli's @-files would have put the host file's words (and '@x') in the command
        assertThat(factory.requests.get(0).command()).containsExactly("curl", "-d", "@" + data, "@@x");
    }

    private void assertRefused(String line, String... args) {
        Console fresh = new Console(factory, cwd, Map.of());

        assertThat(fresh.execute(args)).as(fresh.err()).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(fresh.err()).isEqualTo("ironbox: " + line + "\n");
        assertThat(fresh.out()).as("no help, no version").isEmpty();
        assertThat(factory.requests).isEmpty();
    }
}
