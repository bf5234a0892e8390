package dev.ironbox.cli;

import dev.ironbox.core.settings.EgressSettings;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.settings.Precedence;
import dev.ironbox.core.settings.SettingKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Core requests from the effective settings, already typed; each bad value is one error naming its option. */
final class SandboxRequests {

    private SandboxRequests() {}

    /** The limits of {@code --timeout}, {@code --memory}, {@code --cpus}, {@code --pids} and {@code --max-output}. */
    static ResourceLimits limits(Precedence settings) {
        return ResourceLimits.builder()
                .timeout(settings.value(SettingKey.TIMEOUT))
                .memoryBytes(settings.value(SettingKey.MEMORY).bytes())
                .cpus(settings.value(SettingKey.CPUS))
                .pidsLimit(settings.value(SettingKey.PIDS))
                .maxOutputBytes(settings.value(SettingKey.MAX_OUTPUT).bytes())
                .build();
    }

    /** The workspace, checked again now: a directory the file or the default named may have gone since. */
    static Path workspace(Precedence settings, Path workingDirectory) {
        return OptionValues.workspace(settings.value(SettingKey.WORKSPACE).toString(), workingDirectory);
    }

    static Map<String, String> env(Precedence settings) {
        return OptionValues.env(settings.value(SettingKey.ENV));
    }

    static boolean allowFullAccess(Precedence settings) {
        return settings.value(SettingKey.ALLOW_FULL_ACCESS);
    }

    /** The run of {@code command}; throws {@link InvalidConfigurationException} naming a bad option. */
    static RunRequest run(Precedence settings, Path workingDirectory, List<String> command, EgressSettings network) {
        if (command.isEmpty()) {
            throw new InvalidConfigurationException("no command given: put it after '--', e.g. ironbox run -- echo hi");
        }
        return RunRequest.builder()
                .command(command)
                .workspace(workspace(settings, workingDirectory))
                .policy(settings.value(SettingKey.POLICY))
                .limits(limits(settings))
                .env(env(settings))
                .image(settings.value(SettingKey.IMAGE))
                .egress(network.policy())
                .build();
    }

    /**
     * A detached session (the CLI exits at once); throws {@link InvalidConfigurationException} naming a bad option.
     * Its max lifetime is left to core unless a flag or file sets it: a day, or the TTL when that is longer.
     */
    static SessionRequest session(Precedence settings, Path workingDirectory, EgressSettings network) {
        return session(settings, workingDirectory, network, true);
    }

    /**
     * A session that belongs to this process and ends with it ({@code ironbox mcp}'s), with the same TTL and max
     * lifetime as {@link #session}'s. A session is always sandboxed: under {@code full_access} (which the caller has
     * allowed) it takes {@code workspace_write}, the widest sandboxed policy and still narrower than the host.
     */
    static SessionRequest attachedSession(Precedence settings, Path workingDirectory, EgressSettings network) {
        return session(settings, workingDirectory, network, false);
    }

    private static SessionRequest session(Precedence settings, Path workingDirectory, EgressSettings network,
            boolean detached) {
        SandboxPolicy policy = settings.value(SettingKey.POLICY);
        SessionRequest.Builder session = SessionRequest.builder()
                .workspace(workspace(settings, workingDirectory))
                .policy(detached || policy.isSandboxed() ? policy : SandboxPolicy.WORKSPACE_WRITE)
                .limits(limits(settings))
                .env(env(settings))
                .image(settings.value(SettingKey.IMAGE))
                .egress(network.policy())
                .idleTtl(settings.value(SettingKey.TTL))
                .detached(detached);
        if (!settings.isDefault(SettingKey.MAX_LIFETIME)) {
            session.maxLifetime(settings.value(SettingKey.MAX_LIFETIME));
        }
        return session.build();
    }
}
