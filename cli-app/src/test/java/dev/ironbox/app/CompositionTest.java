package dev.ironbox.app;

import dev.ironbox.cliapp.CliComponent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EgressProxyPort;
import dev.ironbox.core.testing.RunOnlySandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring, without an engine. */
class CompositionTest {

    @TempDir
    Path cwd;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theKnownRuntimesAreAutoThenTheInstalledOnesByPriority() {
        List<String> known = component().sandboxFactory().knownRuntimes();

        assertThat(known).startsWith("auto", "docker").contains("fixture").endsWith("fixture");
    }

    @Test
    void anUnknownRuntimeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> component().sandboxFactory().open("x", SandboxSettings.builder().build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("unknown runtime 'x'; known runtimes: auto, docker, ")
                .hasMessageEndingWith(", fixture");
    }

    @Test
    void theCommandLineReportsAnUnknownRuntimeInOneLine() {
        int code = CliComponent.over(component()).commandLine().execute("run", "--runtime", "x", "--", "true");

        assertThat(code).isEqualTo(125);
        assertThat(err()).startsWith("ironbox: unknown runtime 'x'; known runtimes: auto, docker, ")
                .endsWith(", fixture" + System.lineSeparator());
    }

    @Test
    void aBrokenConfigFileIsOneLineAndExit125() throws Exception {
        Path file = Files.writeString(cwd.resolve("ironbox.toml"), "runtime = podman\n");

        int code = CliComponent.over(component()).commandLine().execute("run", "--", "true");

        assertThat(code).isEqualTo(125);
        assertThat(err()).isEqualTo("ironbox: invalid config file " + file + ", line 1, column 11: unexpected text; "
                + "expected a TOML value (a string needs double quotes, e.g. runtime = \"podman\")"
                + System.lineSeparator());
    }

    @Test
    void helpListsTheInstalledRuntimesAndTheDoctor() {
        assertThat(CliComponent.over(component()).commandLine().execute("run", "--help")).isZero();
        assertThat(out().replaceAll("\\s+", " ")).contains("Container runtime: auto, docker, ");

        assertThat(CliComponent.over(component()).commandLine().execute("--help")).isZero();
        assertThat(out()).contains("doctor");
    }

    @Test
    void theSandboxClosesTheServiceAndThenTheRuntimeOnce() {
        List<String> closed = new ArrayList<>();
        Sandbox service = new RunOnlySandbox() {
            @Override
            public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
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
        StubProvider stub = StubProvider.working("stub", 1);
        ContainerRuntime runtime = stub.create();
        RuntimeOwningSandbox sandbox = new RuntimeOwningSandbox(service, runtime);

        sandbox.close();
        sandbox.close();

        assertThat(closed).containsExactly("service");
        assertThat(stub.events).containsExactly("create", "close");
    }

    @Test
    void theSandboxClosesTheServiceThenItsEgressProxyThenTheRuntime() {
        List<String> closed = new ArrayList<>();
        Sandbox service = new RunOnlySandbox() {
            @Override
            public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
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
        StubProvider stub = StubProvider.working("stub", 1);
        ContainerRuntime runtime = stub.create();
        EgressProxyPort proxy = new EgressProxyPort() {
            @Override
            public EgressLease open(InetAddress listenAddress, EgressPolicy policy, Map<String, String> secrets) {
                throw new AssertionError("no run");
            }

            @Override
            public void close() {
                closed.add("proxy");
            }
        };
        RuntimeOwningSandbox sandbox = new RuntimeOwningSandbox(service, proxy, runtime);

        sandbox.close();
        sandbox.close();

        assertThat(closed).containsExactly("service", "proxy");
        assertThat(stub.events).containsExactly("create", "close");
    }

    private IronboxComponent component() {
        return IronboxComponent.create(new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", cwd.toString()), cwd));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
