package dev.ironbox.mcp.tools;

import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.egress.AllowRule;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.settings.AssistantTerms;
import dev.ironbox.core.settings.SettingText;
import java.util.stream.Collectors;

/**
 * What each tool tells the assistant, with the operator's terms filled in (the workspace and its policy, the limits,
 * the network, the file size), so it can plan a call that the server will accept.
 */
final class ToolDescriptions {

    private final AssistantTerms terms;

    ToolDescriptions(AssistantTerms terms) {
        this.terms = terms;
    }

    String run() {
        if (!terms.run().policy().isSandboxed()) {
            // an assistant must not be told "sandbox", "memory" or "no network" about a command that has none of them
            return "Runs one command DIRECTLY ON THE SERVER'S HOST, with no sandbox (policy "
                    + terms.run().policy().cliName() + ", chosen by the operator): it runs as the server's user, in "
                    + "the workspace directory " + terms.run().workspace() + ", with the host's network and without "
                    + "memory or CPU limits. Each command may run at most "
                    + SettingText.duration(terms.run().limits().timeout()) + " (a shorter timeout, in seconds, may be "
                    + "asked) and keeps at most " + terms.run().limits().maxOutputBytes() + " bytes of output. Give "
                    + "command (an argv array) or shell (run as sh -c). A non-zero exit is a result, not an error.";
        }
        return "Runs one command in a fresh, hardened, throwaway sandbox (image " + terms.run().image()
                + ") and returns its exit code and output; nothing persists between calls (use session_start for "
                + "that). " + workspace(terms.run().policy()) + " " + limits(terms.run().limits()) + " "
                + network(terms.run().egress()) + " Give command (an argv array) or shell (run as sh -c). A non-zero "
                + "exit is a result, not an error.";
    }

    String sessionStart() {
        return "Starts a session: a long-lived sandbox (image " + terms.session().image() + ") where files and "
                + "processes stay between session_exec calls, until session_stop, " + SettingText.duration(
                        terms.session().idleTtl()) + " idle, or the end of this server. "
                + workspace(terms.session().policy()) + " " + network(terms.session().egress())
                + " This server allows at most " + OwnedSessions.MAX_SESSIONS + " sessions at once."
                + " Returns its sessionId.";
    }

    String sessionExec() {
        return "Runs one command in a session this server started, in the same sandbox as its earlier commands. "
                + limits(terms.session().limits()) + " Give command (an argv array) or shell (run as sh -c). A "
                + "non-zero exit is a result, not an error.";
    }

    String sessionStop() {
        return "Stops a session this server started and removes its sandbox and everything in it.";
    }

    String sessionList() {
        return "Lists the sessions this server started (only those), with their state: running, stopped, or gone.";
    }

    String writeFile() {
        return "Writes a file into a session, at an absolute path (its directory is created when absent); content is "
                + "UTF-8 text or, with encoding base64, any bytes. At most " + fileSize() + ". "
                + "/workspace is the shared workspace" + (terms.session().policy().workspaceWritable()
                        ? "." : " and is read-only: write elsewhere, such as /tmp.");
    }

    String readFile() {
        return "Reads a file out of a session, at an absolute path. At most " + fileSize() + ". The default encoding "
                + "text needs UTF-8 content; ask for base64 for any other bytes.";
    }

    private String fileSize() {
        return terms.maxFileBytes() + " bytes (" + SettingText.bytes(terms.maxFileBytes()) + ")";
    }

    private String workspace(SandboxPolicy policy) {
        return switch (policy) {
            case READ_ONLY -> "The workspace is at /workspace, read-only (policy " + policy.cliName() + "); /tmp is "
                    + "writable.";
            case WORKSPACE_WRITE -> "The workspace is at /workspace, writable (policy " + policy.cliName() + ").";
            case FULL_ACCESS -> "Policy " + policy.cliName() + ": commands run on the server's host, not in a "
                    + "sandbox, in the workspace directory.";
        };
    }

    private static String limits(ResourceLimits limits) {
        return "Each command may run at most " + SettingText.duration(limits.timeout()) + " (a shorter timeout, in "
                + "seconds, may be asked) and keeps at most " + limits.maxOutputBytes() + " bytes of output "
                + "(maxOutputBytes may ask for less); memory " + SettingText.bytes(limits.memoryBytes()) + ", "
                + SettingText.cpus(limits.cpus()) + " CPUs.";
    }

    private static String network(EgressPolicy egress) {
        if (!egress.allowsAnything()) {
            return "No network access.";
        }
        return "Network: HTTP(S) only through Ironbox's egress proxy, only to " + egress.allowlist().stream()
                .map(AllowRule::toString).collect(Collectors.joining(", ")) + "; every other connection is refused.";
    }
}
