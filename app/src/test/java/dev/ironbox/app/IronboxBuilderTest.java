package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.testing.RunOnlySandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API without an engine: validation happens before any connection. */
class IronboxBuilderTest {

    /** Takes the builder's runtime as it is. */
    private static final SelectRuntimeUseCase REQUESTED =
            requested -> new RuntimeChoice(requested.orElse("auto"), RuntimeChoice.REQUESTED);

    @TempDir
    Path workspace;

    @Test
    void anUnknownRuntimeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> Ironbox.builder().runtime("lxc").workspace(workspace).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("unknown runtime 'lxc'; known runtimes: auto, docker, ");
    }

    @Test
    void aMissingConfigFileIsRefused() {
        Path missing = workspace.resolve("missing.toml");
        assertThatThrownBy(() -> Ironbox.builder().configFile(missing).workspace(workspace).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("config file " + missing + " does not exist");
    }

    @Test
    void withoutARuntimeConfigurationDecides() {
        RecordingFactory factory = new RecordingFactory();
        List<Optional<String>> asked = new ArrayList<>();
        SelectRuntimeUseCase selection = requested -> {
            asked.add(requested);
            return new RuntimeChoice("picked", "test");
        };

        try (Ironbox ironbox = Ironbox.builder().workspace(workspace).build(factory, selection)) {
            assertThat(ironbox.runtimeId()).isEqualTo("picked");
        }
        try (Ironbox ironbox = Ironbox.builder().runtime("auto").workspace(workspace).build(factory, selection)) {
            assertThat(ironbox.runtimeId()).isEqualTo("picked");
        }
        assertThat(asked).containsExactly(Optional.empty(), Optional.of("auto"));
    }

    @Test
    void aMissingWorkspaceIsRefused() {
        assertThatThrownBy(() -> Ironbox.builder().workspace(workspace.resolve("nope")).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("nope does not exist");
    }

    @Test
    void aFileAsWorkspaceIsRefused() throws Exception {
        Path file = Files.writeString(workspace.resolve("file"), "x");
        assertThatThrownBy(() -> Ironbox.builder().workspace(file).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("is not a directory");
    }

    @Test
    void aBlankImageIsRefused() {
        assertThatThrownBy(() -> Ironbox.builder().workspace(workspace).image(" ").build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("empty image");
    }

    @Test
    void aBadEnvironmentNameIsRefused() {
        assertThatThrownBy(() -> Ironbox.builder().workspace(workspace).env("A=B", "v").build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("invalid environment variable name 'A=B'");
    }

    @Test
    void nullsAreRefusedAtOnce() {
        assertThatThrownBy(() -> Ironbox.builder().policy(null))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage("policy must not be null");
        assertThatThrownBy(() -> Ironbox.builder().env("K", null))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("value of environment");
    }

    @Test
    void fullAccessNeedsExplicitPermission() {
        assertThatThrownBy(() -> Ironbox.builder().workspace(workspace).policy(SandboxPolicy.FULL_ACCESS).build())
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessageContaining("allowFullAccess");
    }

    @Test
    void buildOpensOneSandboxAndRunsUseTheBuildersDefaults() throws Exception {
        RecordingFactory factory = new RecordingFactory();
        ResourceLimits limits = ResourceLimits.builder().timeout(Duration.ofSeconds(30)).build();

        IronboxBuilder builder = Ironbox.builder().runtime("docker").policy(SandboxPolicy.WORKSPACE_WRITE)
                .workspace(workspace).image("alpine:3").limits(limits).env("K", "V").allowFullAccess(true);
        try (Ironbox ironbox = builder.build(factory, REQUESTED)) {
            builder.env("LATER", "ignored");
            ironbox.run("sh", "-c", "echo hi");
            ironbox.run(List.of("true"), chunk -> {});
            assertThat(factory.opened).isEqualTo(1);
        }

        assertThat(factory.settings.allowFullAccess()).isTrue();
        assertThat(factory.settings.defaultImage()).isEqualTo("alpine:3");
        RunRequest first = factory.requests.get(0);
        assertThat(first.command()).containsExactly("sh", "-c", "echo hi");
        assertThat(first.workspace()).isEqualTo(workspace.toAbsolutePath());
        assertThat(first.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(first.image()).isEqualTo("alpine:3");
        assertThat(first.limits()).isEqualTo(limits);
        assertThat(first.env()).containsOnlyKeys("K");
        assertThat(factory.requests).hasSize(2);
        assertThat(factory.closed).isTrue();
    }

    @Test
    void theDefaultWorkspaceIsTheCurrentDirectory() {
        RecordingFactory factory = new RecordingFactory();
        try (Ironbox ironbox = Ironbox.builder().build(factory, REQUESTED)) {
            assertThat(ironbox.request(List.of("true")).workspace()).isEqualTo(Path.of("").toAbsolutePath());
            assertThat(ironbox.request(List.of("true")).image()).isEqualTo(SandboxSettings.DEFAULT_IMAGE);
            assertThat(ironbox.request(List.of("true")).policy()).isEqualTo(SandboxPolicy.READ_ONLY);
        }
    }

    @Test
    void anEmptyCommandIsRefused() {
        try (Ironbox ironbox = Ironbox.builder().workspace(workspace).build(new RecordingFactory(), REQUESTED)) {
            assertThatThrownBy(() -> ironbox.run()).isInstanceOf(InvalidConfigurationException.class);
        }
    }

    /** Records what it was asked; no engine. */
    private static final class RecordingFactory implements SandboxFactory {
        int opened;
        SandboxSettings settings;
        boolean closed;
        final List<RunRequest> requests = new ArrayList<>();

        @Override
        public Sandbox open(String runtimeId, SandboxSettings settings) {
            opened++;
            this.settings = settings;
            return new RunOnlySandbox() {
                @Override
                public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
                    requests.add(request);
                    return null;
                }


                @Override
                public String runtimeId() {
                    return runtimeId;
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }

        @Override
        public List<String> knownRuntimes() {
            return List.of("auto", "docker");
        }
    }
}
