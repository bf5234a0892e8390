package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.app.ConfigFile.Origin;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.RunEgress;
import dev.ironbox.core.testing.RunOnlySandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API's warm pool: {@code pool(...)} and the config file's {@code [pool]} reach the service. No engine. */
class IronboxPoolBuilderTest {

    private static final SelectRuntimeUseCase REQUESTED =
            requested -> new RuntimeChoice(requested.orElse("auto"), RuntimeChoice.REQUESTED);

    @TempDir
    Path workspace;

    private SandboxSettings opened;

    private final SandboxFactory factory = new SandboxFactory() {
        @Override
        public RunOnlySandbox open(String runtimeId, SandboxSettings settings) {
            opened = settings;
            return new RunOnlySandbox() {
                @Override
                public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
                    throw new UnsupportedOperationException("no run here");
                }

                @Override
                public String runtimeId() {
                    return runtimeId;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public List<String> knownRuntimes() {
            return List.of("auto");
        }
    };

    private PoolSettings poolOf(IronboxBuilder builder, RunConfiguration files) {
        try (Ironbox ignored = builder.workspace(workspace).build(RunEgress.unconfigured(factory), files, REQUESTED)) {
            return opened.pool();
        }
    }

    private RunConfiguration file(String toml) throws Exception {
        Path file = Files.writeString(workspace.resolve("config.toml"), toml);
        return new FileRunConfiguration(() -> new TomlConfigReader().read(new ConfigFile(file, Origin.NAMED)));
    }

    @Test
    void byDefaultThereIsNoPool() {
        assertThat(poolOf(Ironbox.builder(), RunConfiguration.none())).isEqualTo(PoolSettings.off());
        assertThat(opened.pool().enabled()).isFalse();
    }

    @Test
    void theBuildersPoolReachesTheService() {
        assertThat(poolOf(Ironbox.builder().pool(4, Duration.ofMinutes(2)), RunConfiguration.none()))
                .isEqualTo(PoolSettings.of(4, Duration.ofMinutes(2)));

        PoolSettings full = PoolSettings.builder().size(2).maxIdleAge(Duration.ofSeconds(30)).maxKeys(1).build();
        assertThat(poolOf(Ironbox.builder().pool(full), RunConfiguration.none())).isEqualTo(full);
    }

    @Test
    void theConfigFilesPoolTableAppliesUnlessTheBuilderSetsOne() throws Exception {
        RunConfiguration files = file("[pool]\nsize = 2\nmax-idle-age = \"1m\"\nmax-keys = 8\n");

        assertThat(poolOf(Ironbox.builder(), files)).isEqualTo(PoolSettings.builder().size(2)
                .maxIdleAge(Duration.ofMinutes(1)).maxKeys(8).build());
        assertThat(poolOf(Ironbox.builder().pool(PoolSettings.off()), files)).as("the call replaces the table")
                .isEqualTo(PoolSettings.off());
        assertThat(poolOf(Ironbox.builder().pool(3, Duration.ofSeconds(10)), files))
                .isEqualTo(PoolSettings.of(3, Duration.ofSeconds(10)));
    }

    @Test
    void badValuesAreRefusedAtTheCallNamingTheValue() {
        assertThatThrownBy(() -> Ironbox.builder().pool(65, Duration.ofMinutes(5)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("pool size must be between 0 and 64, got 65");
        assertThatThrownBy(() -> Ironbox.builder().pool(-1, Duration.ofMinutes(5)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("pool size must be between 0 and 64, got -1");
        assertThatThrownBy(() -> Ironbox.builder().pool(2, Duration.ofHours(25)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("pool max idle age must be between 1s and 24h, got 90000s");
        assertThatThrownBy(() -> Ironbox.builder().pool(2, null))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage("pool max idle age must not be null");
        assertThatThrownBy(() -> Ironbox.builder().pool(null))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage("pool must not be null");
    }

    @Test
    void aBadPoolValueInTheConfigFileNamesTheKeyTheFileAndTheLine() throws Exception {
        RunConfiguration files = file("runtime = \"auto\"\n\n[pool]\nsize = 65\n");
        Path path = workspace.resolve("config.toml");

        assertThatThrownBy(() -> poolOf(Ironbox.builder(), files))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("key 'pool.size' in " + path + ", line 4: pool size must be between 0 and 64, got 65");
    }
}
