package dev.ironbox.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.egress.CredentialMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecedenceTest {

    private static final Path CWD = Path.of("/work");
    private static final SettingSource FILE = SettingSource.file("/work/ironbox.toml");

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() {
        SettingsLayer file = SettingsLayer.empty()
                .with(SettingKey.RUNTIME, "podman", FILE)
                .with(SettingKey.TIMEOUT, Duration.ofMinutes(2), "2m", FILE)
                .with(SettingKey.MEMORY, new ByteSize(1L << 30), FILE);
        SettingsLayer environment = SettingsLayer.empty()
                .with(SettingKey.RUNTIME, "docker", SettingSource.environment("IRONBOX_RUNTIME"));
        SettingsLayer flags = SettingsLayer.empty()
                .with(SettingKey.MEMORY, new ByteSize(256L << 20), "256m", SettingSource.flag("--memory"));

        Precedence settings = new Precedence(flags, environment, file, CWD);

        assertThat(settings.setting(SettingKey.RUNTIME).orElseThrow())
                .isEqualTo(new Setting<>(SettingKey.RUNTIME, "docker", "docker",
                        SettingSource.environment("IRONBOX_RUNTIME")));
        assertThat(settings.setting(SettingKey.TIMEOUT).orElseThrow().text()).isEqualTo("2m");
        assertThat(settings.value(SettingKey.TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.setting(SettingKey.MEMORY).orElseThrow().source().text()).isEqualTo("flag --memory");
        assertThat(settings.setting(SettingKey.CPUS).orElseThrow())
                .isEqualTo(new Setting<>(SettingKey.CPUS, 1.0, "1", SettingSource.DEFAULT));
        assertThat(settings.value(SettingKey.WORKSPACE)).isEqualTo(CWD);
        assertThat(settings.setting(SettingKey.UPSTREAM_CA)).isEmpty();
        assertThat(settings.isDefault(SettingKey.MAX_LIFETIME)).isTrue();
    }

    @Test
    void listsAddUpAndNameEverySourceThatAddedToThem() {
        CredentialMapping fileKey = CredentialMapping.bearer("a.example", "A_KEY");
        CredentialMapping flagKey = CredentialMapping.bearer("a.example", "OTHER_KEY");
        SettingsLayer file = SettingsLayer.empty()
                .with(SettingKey.ENV, List.of("A=1"), FILE)
                .with(SettingKey.ALLOW_DOMAINS, List.of(), FILE)
                .with(SettingKey.CREDENTIALS, List.of(fileKey), FILE);
        SettingsLayer flags = SettingsLayer.empty()
                .with(SettingKey.ENV, List.of("B=2"), SettingSource.flag("--env"))
                .with(SettingKey.CREDENTIALS, List.of(flagKey), SettingSource.flag("--credential"));

        Precedence settings = new Precedence(flags, SettingsLayer.empty(), file, CWD);

        Setting<List<String>> env = settings.setting(SettingKey.ENV).orElseThrow();
        assertThat(env.value()).containsExactly("A=1", "B=2");
        assertThat(env.text()).isEqualTo("A=1 B=2");
        assertThat(env.source().text()).isEqualTo("file /work/ironbox.toml + flag --env");
        assertThat(settings.setting(SettingKey.ALLOW_DOMAINS).orElseThrow().source()).as("an empty list adds nothing")
                .isEqualTo(SettingSource.DEFAULT);
        assertThat(settings.value(SettingKey.CREDENTIALS)).as("a flag's credential replaces the file's for its host")
                .containsExactly(flagKey);
    }

    @Test
    void fullAccessIsAllowedByAFlagAloneNeverByAFileOrTheEnvironment() {
        SettingsLayer offered = SettingsLayer.empty().with(SettingKey.ALLOW_FULL_ACCESS, true, FILE);

        Precedence settings = new Precedence(SettingsLayer.empty(), offered, offered, CWD);

        assertThat(settings.setting(SettingKey.ALLOW_FULL_ACCESS).orElseThrow())
                .isEqualTo(new Setting<>(SettingKey.ALLOW_FULL_ACCESS, false, "false", SettingSource.DEFAULT));
        assertThat(new Precedence(SettingsLayer.empty().with(SettingKey.ALLOW_FULL_ACCESS, true,
                SettingSource.flag("--allow-full-access")), SettingsLayer.empty(), offered, CWD)
                .value(SettingKey.ALLOW_FULL_ACCESS)).isTrue();
    }

    @Test
    void aWithheldFileValueRefusesOnlyWhenItWouldApply() {
        SettingsLayer file = SettingsLayer.empty().withholding(SettingKey.POLICY,
                () -> new InvalidConfigurationException("not trusted"));

        Precedence unset = new Precedence(SettingsLayer.empty(), SettingsLayer.empty(), file, CWD);
        assertThatThrownBy(() -> unset.setting(SettingKey.POLICY)).hasMessage("not trusted");
        assertThat(unset.value(SettingKey.TIMEOUT)).as("another setting is not refused").isNotNull();

        Precedence overridden = new Precedence(SettingsLayer.empty().with(SettingKey.POLICY,
                SandboxPolicy.READ_ONLY, SettingSource.flag("--policy")),
                SettingsLayer.empty(), file, CWD);
        assertThat(overridden.setting(SettingKey.POLICY).orElseThrow().source().isFlag("--policy")).isTrue();
        assertThat(file.applied().get(SettingKey.POLICY)).as("a review leaves it out").isEmpty();
    }

    @Test
    void aCommandsCheckReportsTheFirstWithheldValueInItsOrder() {
        SettingsLayer file = SettingsLayer.empty()
                .withholding(SettingKey.ALLOW_DOMAINS, () -> new InvalidConfigurationException("allow-domains"))
                .withholding(SettingKey.TIMEOUT, () -> new InvalidConfigurationException("timeout"));
        Precedence settings = new Precedence(SettingsLayer.empty(), SettingsLayer.empty(), file, CWD);

        assertThatThrownBy(() -> settings.check(SettingKey.RUN)).hasMessage("timeout");
        assertThatThrownBy(() -> settings.check(List.of(SettingKey.ALLOW_DOMAINS, SettingKey.TIMEOUT)))
                .hasMessage("allow-domains");
    }
}
