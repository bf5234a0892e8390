package dev.ironbox.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParsingTest {

    @Test
    void policiesParseFromTheSeedsStringForms() {
        assertThat(SandboxPolicy.parse("readonly")).isEqualTo(SandboxPolicy.READ_ONLY);
        assertThat(SandboxPolicy.parse("RO")).isEqualTo(SandboxPolicy.READ_ONLY);
        assertThat(SandboxPolicy.parse("read_only")).isEqualTo(SandboxPolicy.READ_ONLY);
        assertThat(SandboxPolicy.parse("workspace-write")).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(SandboxPolicy.parse("rw")).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(SandboxPolicy.parse("full")).isEqualTo(SandboxPolicy.FULL_ACCESS);
        assertThat(SandboxPolicy.parse("none")).isEqualTo(SandboxPolicy.FULL_ACCESS);
    }

    @Test
    void anUnknownPolicyNamesTheValidOnes() {
        assertThatThrownBy(() -> SandboxPolicy.parse("bogus"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'bogus'")
                .hasMessageContaining("readonly")
                .hasMessageContaining("workspace_write")
                .hasMessageContaining("full_access");
    }

    @Test
    void sizesParseWithBinaryUnits() {
        assertThat(ByteSize.parse("memory", "512m").bytes()).isEqualTo(512L << 20);
        assertThat(ByteSize.parse("memory", "2G").bytes()).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("output", "64k").bytes()).isEqualTo(64L << 10);
        assertThat(ByteSize.parse("output", "64KiB").bytes()).isEqualTo(64L << 10);
        assertThat(ByteSize.parse("output", "100").bytes()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "abc", "", "1.5g", "12q", "99999999999999999999"})
    void malformedSizesAreRefusedNamingTheOption(String text) {
        assertThatThrownBy(() -> ByteSize.parse("memory", text))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("memory");
    }

    @Test
    void durationsParseWithUnits() {
        assertThat(Durations.parsePositive("timeout", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parsePositive("timeout", "30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parsePositive("timeout", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parsePositive("timeout", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parsePositive("timeout", "1h")).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "0", "0s", "abc", "1d", ""})
    void malformedOrNonPositiveDurationsAreRefused(String text) {
        assertThatThrownBy(() -> Durations.parsePositive("timeout", text))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void anOverflowingDurationIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> Durations.parsePositive("--timeout", "9999999999999999h"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("--timeout")
                .hasMessageContaining("too large");
    }

    @Test
    void aCpuLimitTooSmallToEnforceIsRefused() {
        assertThatThrownBy(() -> ResourceLimits.builder().cpus(0.005).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("at least 0.01");
        assertThat(ResourceLimits.builder().cpus(0.01).build().cpus()).isEqualTo(0.01);
        assertThatThrownBy(() -> ResourceLimits.builder().maxOutputBytes(65L << 20).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("64m");
    }

    @Test
    void limitsHaveTheSeedsDefaultsPlusAPidsLimit() {
        ResourceLimits limits = ResourceLimits.builder().build();
        assertThat(limits.memoryBytes()).isEqualTo(2L << 30);
        assertThat(limits.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(limits.maxOutputBytes()).isEqualTo(64L << 10);
        assertThat(limits.pidsLimit()).isEqualTo(512);
        assertThat(limits.cpus()).isEqualTo(1.0);
    }

    @Test
    void impossibleLimitsAreRefused() {
        assertThatThrownBy(() -> ResourceLimits.builder().memoryBytes(1024).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> ResourceLimits.builder().cpus(0).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("cpus");
        assertThatThrownBy(() -> ResourceLimits.builder().cpus(-1).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("cpus");
        assertThatThrownBy(() -> ResourceLimits.builder().pidsLimit(0).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("pids");
        assertThatThrownBy(() -> ResourceLimits.builder().timeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> ResourceLimits.builder().maxOutputBytes(0).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("output");
    }

    @Test
    void anEmptyCommandIsRefused() {
        assertThatThrownBy(() -> RunRequest.builder().workspace(Path.of("/tmp")).image("x").build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("empty command");
        assertThatThrownBy(() -> RunRequest.builder().command(List.of("")).workspace(Path.of("/tmp")).image("x")
                        .build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("empty command");
    }

    @Test
    void combinedOutputFollowsTheSeed() {
        RunResult both = RunResult.builder().exitCode(0).stdout("a").stderr("b").duration(Duration.ZERO)
                .timedOut(false).oomKilled(false).stdoutBytesDropped(0).stderrBytesDropped(0).runtime("docker")
                .image("i").policy(SandboxPolicy.READ_ONLY).build();
        assertThat(both.combinedOutput()).isEqualTo("a\n\n--- stderr ---\nb");
        assertThat(both.withStderr("").combinedOutput()).isEqualTo("a");
        assertThat(both.truncated()).isFalse();
        assertThat(both.withStderrBytesDropped(3).truncated()).isTrue();
    }
}
