package dev.ironbox.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.PoolSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolKeysTest {

    private static final Path CWD = Path.of("/work");
    private static final SettingSource FILE = SettingSource.file("/work/ironbox.toml");
    private static final SettingSource BUILDER = new SettingSource("builder");

    @Test
    void withNothingSetThePoolIsOffWithItsDefaults() {
        Precedence nothing = new Precedence(SettingsLayer.empty(), SettingsLayer.empty(), SettingsLayer.empty(), CWD);

        assertThat(PoolKeys.of(nothing)).isEqualTo(PoolSettings.off());
        assertThat(nothing.setting(SettingKey.POOL_SIZE).orElseThrow())
                .isEqualTo(new Setting<>(SettingKey.POOL_SIZE, 0, "0", SettingSource.DEFAULT));
        assertThat(nothing.setting(SettingKey.POOL_MAX_IDLE_AGE).orElseThrow().text()).isEqualTo("300s");
        assertThat(nothing.value(SettingKey.POOL_MAX_KEYS)).isEqualTo(4);
    }

    @Test
    void theFileSetsEachKeyAndTheBuildersPoolReplacesTheFilesAsAWhole() {
        SettingsLayer file = SettingsLayer.empty()
                .with(SettingKey.POOL_SIZE, 2, FILE)
                .with(SettingKey.POOL_MAX_IDLE_AGE, Duration.ofMinutes(1), "1m", FILE)
                .with(SettingKey.POOL_MAX_KEYS, 8, FILE);

        Precedence fromFile = new Precedence(SettingsLayer.empty(), SettingsLayer.empty(), file, CWD);
        assertThat(PoolKeys.of(fromFile)).isEqualTo(PoolSettings.builder().size(2)
                .maxIdleAge(Duration.ofMinutes(1)).maxKeys(8).build());
        assertThat(fromFile.setting(SettingKey.POOL_MAX_IDLE_AGE).orElseThrow().source()).isEqualTo(FILE);

        PoolSettings mine = PoolSettings.of(3, Duration.ofSeconds(30));
        Precedence overridden = new Precedence(PoolKeys.layer(mine, BUILDER), SettingsLayer.empty(), file, CWD);
        assertThat(PoolKeys.of(overridden)).isEqualTo(mine);
        assertThat(overridden.setting(SettingKey.POOL_MAX_KEYS).orElseThrow().source()).isEqualTo(BUILDER);
    }

    @Test
    void aWithheldFileValueRefusesOnlyWhenThePoolIsAskedFor() {
        SettingsLayer file = SettingsLayer.empty().withholding(SettingKey.POOL_SIZE,
                () -> new InvalidConfigurationException("pool.size needs trust"));

        Precedence settings = new Precedence(SettingsLayer.empty(), SettingsLayer.empty(), file, CWD);

        assertThat(settings.check(SettingKey.RUN)).isSameAs(settings);
        assertThatThrownBy(() -> PoolKeys.of(settings)).hasMessage("pool.size needs trust");
        assertThat(PoolKeys.of(new Precedence(PoolKeys.layer(PoolSettings.off(), BUILDER), SettingsLayer.empty(),
                file, CWD))).isEqualTo(PoolSettings.off());
    }

    @Test
    void theKeysHaveNoFlagAndComeLastInTheirOwnOrder() {
        assertThat(SettingKey.POOL_KEYS).allSatisfy(key -> assertThat(key.option()).isEmpty());
        assertThat(SettingKey.ALL.subList(SettingKey.ALL.size() - 3, SettingKey.ALL.size()))
                .isEqualTo(SettingKey.POOL_KEYS);
        assertThat(SettingKey.named("pool.max-idle-age")).contains(SettingKey.POOL_MAX_IDLE_AGE);
    }
}
