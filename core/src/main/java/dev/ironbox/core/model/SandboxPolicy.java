package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.MessageText;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How much of the host a command may touch. Parsed from the same string forms the seed accepts. */
public enum SandboxPolicy {
    /** Workspace mounted read-only; root filesystem read-only. */
    READ_ONLY("readonly", "read_only", "ro"),
    /** Workspace mounted read-write; root filesystem still read-only. */
    WORKSPACE_WRITE("workspace_write", "workspacewrite", "rw"),
    /** No container: the command runs on the host. Refused unless configuration explicitly allows it. */
    FULL_ACCESS("full_access", "fullaccess", "full", "none");

    private final List<String> names;

    SandboxPolicy(String... names) {
        this.names = List.of(names);
    }

    /** The canonical name used on the command line and in JSON. */
    public String cliName() {
        return names.get(0);
    }

    /** Whether commands run in a container (every policy but FullAccess). */
    public boolean isSandboxed() {
        return this != FULL_ACCESS;
    }

    /** Whether the command may write to the workspace (every policy but ReadOnly). */
    public boolean workspaceWritable() {
        return this != READ_ONLY;
    }

    /**
     * Parses a policy name, case-insensitively, with '-' accepted for '_'.
     *
     * @throws InvalidConfigurationException naming every accepted value when {@code text} is none of them
     */
    public static SandboxPolicy parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (SandboxPolicy policy : values()) {
            if (policy.names.contains(wanted)) {
                return policy;
            }
        }
        String accepted = Arrays.stream(values())
                .flatMap(p -> p.names.stream())
                .collect(Collectors.joining(", "));
        throw new InvalidConfigurationException(
                "unknown policy " + MessageText.quote(text) + "; valid policies: " + accepted);
    }
}
