package dev.ironbox.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.run.ExecRunner;
import dev.ironbox.core.testing.FakeRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a command's standard input reaches it, on every path, with a fake engine. */
class StandardInputTest {

    private static final byte[] INPUT = "some input\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();
    private SandboxService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private SandboxService service(SandboxSettings settings) {
        engine.images.add("img");
        service = InlineRemovals.service(engine, settings);
        return service;
    }

    private RunRequest.Builder request(String... command) {
        return RunRequest.builder().command(List.of(command)).workspace(workspace).image("img");
    }

    @Test
    void aRuntimeThatCannotAttachWithInputRefusesARunWithInputBeforeAnythingIsMade() {
        engine.attaches = false;
        SandboxService sandbox = service(SandboxSettings.builder().build());

        assertThatThrownBy(() -> sandbox.run(request("cat").stdin(INPUT).build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("runtime fake cannot feed standard input to a run; run the command in a session instead");
        assertThat(engine.created).isEmpty();
        assertThat(engine.log).isEmpty();
    }

    @Test
    void aColdRunWithInputOpensTheContainersStdinAndAttachesWithTheInput() throws Exception {
        engine.attaches = true;

        RunResult result = service(SandboxSettings.builder().build()).run(request("cat").stdin(INPUT).build());

        assertThat(engine.created).hasSize(1);
        assertThat(engine.created.get(0).openStdin()).isTrue();
        assertThat(engine.handedOver).hasSize(1);
        assertThat(engine.handedOver.values().iterator().next()).isEqualTo(INPUT);
        assertThat(result.pooled()).isFalse();
    }

    @Test
    void aRunWithoutInputFollowsAsBeforeWithItsStdinClosed() throws Exception {
        engine.attaches = true;

        service(SandboxSettings.builder().build()).run(request("cat").build());

        assertThat(engine.created).hasSize(1);
        assertThat(engine.created.get(0).openStdin()).isFalse();
        assertThat(engine.handedOver).isEmpty();
    }

    @Test
    void aRunWithInputGoesColdThoughItsKeyHasAWarmSandbox() throws Exception {
        engine.attaches = true;
        SandboxService sandbox = service(SandboxSettings.builder().pool(PoolSettings.of(1, Duration.ofMinutes(5)))
                .build());
        assertThat(sandbox.prewarm(request("cat").build(), Duration.ofSeconds(30))).isTrue();
        assertThat(sandbox.prewarm(request("cat").stdin(INPUT).build(), Duration.ZERO)).isFalse();

        RunResult result = sandbox.run(request("cat").stdin(INPUT).build());

        assertThat(result.pooled()).isFalse();
        assertThat(sandbox.poolStats().claims()).isZero();
        assertThat(engine.handedOver).hasSize(1);
        assertThat(engine.handedOver.values().iterator().next()).isEqualTo(INPUT);
        ContainerSpec cold = engine.created.stream().filter(spec -> spec.command().equals(List.of("cat")))
                .findFirst().orElseThrow();
        assertThat(cold.openStdin()).isTrue();
    }

    @Test
    void aSessionCommandWithInputIsFedItAndOneWithoutIsNot() throws Exception {
        ContainerId id = engine.create(ContainerSpec.builder().name("n").image("img").workingDir("/").user("1")
                .readOnlyRootfs(true).noNewPrivileges(true).memoryBytes(1).memorySwapBytes(1).nanoCpus(1)
                .pidsLimit(1).init(true).networkMode("none").build());
        ExecRunner runner = new ExecRunner(engine.exec(), "fake", HardenedSpecs.SANDBOX_USER);

        RunResult fed = runner.exec(ExecRequest.builder().container(id).command(List.of("cat")).stdin(INPUT).build(),
                c -> {});
        runner.exec(ExecRequest.builder().container(id).command(List.of("cat")).build(), c -> {});

        assertThat(fed.exitCode()).isZero();
        assertThat(engine.execInputs).hasSize(1);
        assertThat(engine.execInputs.get(0)).isEqualTo(INPUT);
        assertThat(engine.execs).hasSize(2);
        // what a command with input leaves unread is read after it ended; without input nothing is
        assertThat(String.join(" ", engine.execs.get(0).command())).contains("cat >/dev/null");
        assertThat(String.join(" ", engine.execs.get(1).command())).doesNotContain("cat >/dev/null");
    }

    @Test
    void aFullAccessRunFeedsTheHostProcessAndClosesItsInput() throws Exception {
        SandboxService sandbox = service(SandboxSettings.builder().allowFullAccess(true).build());

        RunResult fed = sandbox.run(request("cat").policy(SandboxPolicy.FULL_ACCESS).stdin(INPUT)
                .limits(dev.ironbox.core.model.ResourceLimits.builder().timeout(Duration.ofSeconds(30)).build())
                .build());
        RunResult empty = sandbox.run(request("wc", "-c").policy(SandboxPolicy.FULL_ACCESS)
                .limits(dev.ironbox.core.model.ResourceLimits.builder().timeout(Duration.ofSeconds(30)).build())
                .build());

        assertThat(fed.timedOut()).isFalse();
        assertThat(fed.stdout()).isEqualTo("some input\n");
        assertThat(empty.timedOut()).isFalse();
        assertThat(empty.stdout().strip()).isEqualTo("0");
        assertThat(engine.created).isEmpty();
    }
}
