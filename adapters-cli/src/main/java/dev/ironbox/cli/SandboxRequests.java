package dev.ironbox.cli;

import dev.ironbox.core.settings.EgressSettings;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.Durations;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SessionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Core requests from effective options; each bad value is one error naming its option. */
final class SandboxRequests {

    private SandboxRequests() {}

    /** The limits of {@code --timeout}, {@code --memory}, {@code --cpus}, {@code --pids} and {@code --max-output}. */
    static ResourceLimits limits(EffectiveOptions options) {
        return ResourceLimits.builder()
                .timeout(Durations.parsePositive("--timeout", options.value("--timeout")))
                .memoryBytes(ByteSize.parse("--memory", options.value("--memory")).bytes())
                .cpus(OptionValues.cpus(options.value("--cpus")))
                .pidsLimit(OptionValues.pids(options.value("--pids")))
                .maxOutputBytes(ByteSize.parse("--max-output", options.value("--max-output")).bytes())
                .build();
    }

    static SandboxPolicy policy(EffectiveOptions options) {
        return OptionValues.policy(options.value("--policy"));
    }

    static Path workspace(EffectiveOptions options, Path workingDirectory) {
        return OptionValues.workspace(options.value("--workspace"), workingDirectory);
    }

    static Map<String, String> env(EffectiveOptions options) {
        return OptionValues.env(options.list("--env"));
    }

    static boolean allowFullAccess(EffectiveOptions options) {
        return Boolean.parseBoolean(options.value("--allow-full-access"));
    }

    /** The run of {@code command}; throws {@link InvalidConfigurationException} naming a bad option. */
    static RunRequest run(EffectiveOptions options, Path workingDirectory, List<String> command,
            EgressSettings network) {
        if (command.isEmpty()) {
            throw new InvalidConfigurationException("no command given: put it after '--', e.g. ironbox run -- echo hi");
        }
        return RunRequest.builder()
                .command(command)
                .workspace(workspace(options, workingDirectory))
                .policy(policy(options))
                .limits(limits(options))
                .env(env(options))
                .image(options.value("--image"))
                .egress(network.policy())
                .build();
    }

    /** A detached session (the CLI exits at once); throws {@link InvalidConfigurationException} naming a bad option. */
    static SessionRequest session(EffectiveOptions options, Path workingDirectory, EgressSettings network) {
        SessionRequest.Builder session = SessionRequest.builder()
                .workspace(workspace(options, workingDirectory))
                .policy(policy(options))
                .limits(limits(options))
                .env(env(options))
                .image(options.value("--image"))
                .egress(network.policy())
                .idleTtl(Durations.parsePositive("--ttl", options.value("--ttl")))
                .detached(true);
        maxLifetime(options).ifPresent(session::maxLifetime);
        return session.build();
    }

    /** The flag's or file's max lifetime; by default a day, or the TTL when that is longer (core decides). */
    private static Optional<Duration> maxLifetime(EffectiveOptions options) {
        Setting setting = options.settings().get("--max-lifetime");
        if (setting == null || Setting.DEFAULT.equals(setting.source())) {
            return Optional.empty();
        }
        return Optional.of(Durations.parsePositive("--max-lifetime", setting.value()));
    }
}
