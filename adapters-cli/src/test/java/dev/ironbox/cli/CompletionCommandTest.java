package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated script, loaded into a real bash: it registers and completes. */
class CompletionCommandTest {

    @TempDir
    Path cwd;

    private Path script;

    @BeforeEach
    void generate() throws IOException {
        CapturedCli cli = new CapturedCli(new ScriptedSandboxes(), cwd);
        assertThat(cli.execute("completion")).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.err()).isEmpty();
        script = Files.writeString(cwd.resolve("ironbox-completion.bash"), cli.out());
    }

    @Test
    void sourcingItRegistersACompletionForIronbox() throws Exception {
        assertThat(bash("source " + script + "; complete -p ironbox")).matches("complete .*-F \\S+ ironbox");
    }

    @Test
    void completingTheFirstWordOffersEveryCommand() throws Exception {
        assertThat(complete("ironbox", "")).contains("run", "doctor", "image", "ps", "cleanup", "completion", "mcp");
        assertThat(complete("ironbox", "--")).contains("--help", "--version");
    }

    @Test
    void completingAfterImageOffersItsSubcommands() throws Exception {
        assertThat(complete("ironbox", "image", "")).contains("build", "host-tools", "ls");
        assertThat(complete("ironbox", "image", "ho")).containsExactly("host-tools");
    }

    @Test
    void completingAnOptionPrefixOffersTheCommandsOptions() throws Exception {
        assertThat(complete("ironbox", "cleanup", "--")).contains("--all", "--runtime", "--json", "--help");
    }

    /** The candidates bash's completion function offers for the last word of {@code words}. */
    private List<String> complete(String... words) throws Exception {
        String function = "$(complete -p ironbox | sed -E 's/.*-F ([^ ]+) .*/\\1/')";
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append('\'').append(word).append("' ");
        }
        String line = String.join(" ", words);
        String program = "source " + script + "; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; " + function
                + " ironbox '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'"
                + "; printf '%s\\n' \"${COMPREPLY[@]}\"";
        return bash(program).lines().map(String::strip).filter(word -> !word.isEmpty()).toList();
    }

    private static String bash(String program) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }
}
