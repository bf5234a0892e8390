package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.cli.CliContext;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.out.ContainerCreationPort;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EnginePort;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.port.out.ImagePort;
import dev.ironbox.core.port.out.LogCollectionPort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The wiring, without an engine. */
class CompositionTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final IronboxComponent component = DaggerIronboxComponent.factory().create(new CliContext(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Path.of("")));

    @Test
    void dockerIsTheKnownRuntime() {
        assertThat(component.sandboxFactory().knownRuntimes()).containsExactly("docker");
        assertThat(component.runtimes()).isSameAs(component.runtimes());
    }

    @Test
    void anUnknownRuntimeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> component.sandboxFactory().open("x", SandboxSettings.builder().build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown runtime 'x'; known runtimes: docker");
    }

    @Test
    void theCommandLineReportsAnUnknownRuntimeInOneLine() {
        int code = component.commandLine().execute("run", "--runtime", "x", "--", "true");

        assertThat(code).isEqualTo(125);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("ironbox: unknown runtime 'x'; known runtimes: docker" + System.lineSeparator());
    }

    @Test
    void theSandboxClosesTheServiceAndThenTheRuntimeOnce() {
        List<String> closed = new ArrayList<>();
        Sandbox service = new Sandbox() {
            @Override
            public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
                return null;
            }

            @Override
            public RunResult exec(ExecRequest request, Consumer<OutputChunk> live) {
                return null;
            }

            @Override
            public String runtimeId() {
                return "fake";
            }

            @Override
            public void close() {
                closed.add("service");
            }
        };
        RuntimeOwningSandbox sandbox = new RuntimeOwningSandbox(service, new FakeRuntime(() -> closed.add("runtime")));

        sandbox.close();
        sandbox.close();

        assertThat(closed).containsExactly("service", "runtime");
    }

    @Test
    void theRegistryConnectsOnlyWhenAsked() {
        List<String> connected = new ArrayList<>();
        Supplier<ContainerRuntime> fake = () -> {
            connected.add("fake");
            return new FakeRuntime(() -> {});
        };
        RuntimeRegistry registry = new RuntimeRegistry(Map.of("fake", fake, "docker", fake));

        assertThat(registry.ids()).containsExactly("docker", "fake");
        assertThat(connected).isEmpty();
        try (ContainerRuntime runtime = registry.open("fake")) {
            assertThat(runtime.id()).isEqualTo("fake");
        }
        assertThat(connected).containsExactly("fake");
    }

    /** A runtime whose ports are never used. */
    private record FakeRuntime(Runnable onClose) implements ContainerRuntime {
        @Override
        public String id() {
            return "fake";
        }

        @Override
        public EnginePort engine() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ImagePort images() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ContainerCreationPort containers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ContainerLifecyclePort lifecycle() {
            throw new UnsupportedOperationException();
        }

        @Override
        public LogCollectionPort logs() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExecPort exec() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            onClose.run();
        }
    }
}
