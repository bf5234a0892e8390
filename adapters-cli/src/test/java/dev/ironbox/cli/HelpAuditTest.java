package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command and subcommand of {@code ironbox}, found by walking the real command line (so commands added later are
 * audited too), has {@code --help}, {@code --version} and an "Examples:" section in its help.
 */
class HelpAuditTest {

    @TempDir
    Path cwd;

    @Test
    void everyCommandHasHelpVersionAndExamples() {
        CapturedCli cli = new CapturedCli(new ScriptedSandboxes(), cwd);
        Map<String, CommandLine> commands = new LinkedHashMap<>();
        collect(cli.commandLine(), commands);

        assertThat(commands.keySet()).as("the walk found the commands").contains("ironbox", "ironbox run",
                "ironbox doctor", "ironbox image", "ironbox image build", "ironbox image host-tools",
                "ironbox image ls", "ironbox ps", "ironbox cleanup", "ironbox completion", "ironbox mcp");
        List<String> problems = new ArrayList<>();
        commands.forEach((name, command) -> {
            if (command.getCommandSpec().findOption("--help") == null) {
                problems.add(name + ": no --help");
            }
            if (command.getCommandSpec().findOption("--version") == null) {
                problems.add(name + ": no --version");
            }
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            if (!usage.contains("Examples:") || !usage.contains("  ironbox ")) {
                problems.add(name + ": no 'Examples:' section with an ironbox example");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void helpAndVersionWorkOnASubcommand() {
        CapturedCli cli = new CapturedCli(new ScriptedSandboxes(), cwd);
        assertThat(cli.execute("image", "build", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).startsWith("Usage: ironbox image build").contains("--rootfs=DIR|TAR", "Examples:");

        CapturedCli version = new CapturedCli(new ScriptedSandboxes(), cwd);
        assertThat(version.execute("ps", "--version")).isEqualTo(ExitCodes.OK);
        assertThat(version.out()).startsWith("ironbox ");
    }

    private static void collect(CommandLine command, Map<String, CommandLine> found) {
        found.putIfAbsent(command.getCommandSpec().qualifiedName(), command);
        // getSubcommands() maps aliases too: the same command under several names is walked once
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, found));
    }
}
