package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.model.NamedEndpoint;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeConnectorTest {

    @Test
    void autoTakesTheFirstUsableRuntimeByPriorityAndClosesTheOnesItSkips() {
        StubProvider docker = StubProvider.unreachable("docker", 100, "no Docker engine answered");
        StubProvider rootless = StubProvider.withLimits("podman", 90, EnumSet.of(LimitKind.CPU));
        StubProvider third = StubProvider.working("third", 10);
        StubProvider last = StubProvider.working("last", 0);

        try (ContainerRuntime runtime = connector(docker, rootless, third, last).connect("auto")) {
            assertThat(runtime.id()).isEqualTo("third");
        }

        assertThat(docker.events).containsExactly("create");
        assertThat(rootless.events).containsExactly("create", "close");
        assertThat(third.events).containsExactly("create", "close");
        assertThat(last.events).isEmpty();
    }

    @Test
    void autoWithNothingAvailableFailsOnceListingEveryRuntimeTried() {
        RuntimeConnector connector = connector(
                StubProvider.unreachable("docker", 100, "no Docker engine answered; tried: unix:///var/run/docker.sock"),
                StubProvider.unreachable("podman", 90, "no Podman engine at\n  /run/podman/podman.sock"),
                StubProvider.withLimits("rootless", 5, EnumSet.of(LimitKind.CPU)),
                new Broken());

        assertThatThrownBy(() -> connector.connect("auto"))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no container runtime is available; tried: "
                        + "docker: no Docker engine answered; tried: unix:///var/run/docker.sock; "
                        + "podman: no Podman engine at; /run/podman/podman.sock; "
                        + "rootless: cannot enforce the memory, pids limits (rootless, cgroups v2); "
                        + "broken: java.lang.IllegalStateException: a third-party bug");
    }

    @Test
    void autoDoesNotPassOverARuntimeWhoseNamedEndpointDoesNotAnswer() {
        StubProvider docker = StubProvider.unreachable("docker", 100,
                "no Docker engine at DOCKER_HOST=unix:///nonexistent.sock: not found")
                .named(new NamedEndpoint("DOCKER_HOST", "unix:///nonexistent.sock"));
        StubProvider podman = StubProvider.working("podman", 90);

        assertThatThrownBy(() -> connector(docker, podman).connect("auto"))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("auto: runtime docker cannot be used: no Docker engine at "
                        + "DOCKER_HOST=unix:///nonexistent.sock: not found; DOCKER_HOST names its engine, so auto does "
                        + "not try another runtime (fix or unset DOCKER_HOST, or choose one with --runtime)");
        assertThat(podman.events).isEmpty();
    }

    @Test
    void autoDoesNotPassOverANamedEngineThatCannotEnforceTheLimitsEither() {
        StubProvider rootless = StubProvider.withLimits("podman", 90, EnumSet.of(LimitKind.CPU))
                .named(new NamedEndpoint("CONTAINER_HOST", "unix:///run/user/1000/podman/podman.sock"));
        StubProvider third = StubProvider.working("third", 10);

        assertThatThrownBy(() -> connector(rootless, third).connect("auto"))
                .hasMessageStartingWith("auto: runtime podman cannot be used: cannot enforce the memory, pids limits")
                .hasMessageContaining("CONTAINER_HOST names its engine");
        assertThat(rootless.events).containsExactly("create", "close");
        assertThat(third.events).isEmpty();
    }

    @Test
    void autoUsesANamedEngineThatAnswersAndStillPassesOverUnnamedOnes() {
        StubProvider docker = StubProvider.unreachable("docker", 100, "no Docker engine answered");
        StubProvider podman = StubProvider.working("podman", 90)
                .named(new NamedEndpoint("CONTAINER_HOST", "unix:///run/podman/podman.sock"));

        try (ContainerRuntime runtime = connector(docker, podman).connect("auto")) {
            assertThat(runtime.id()).isEqualTo("podman");
        }
    }

    @Test
    void autoWithNoProviderSaysSo() {
        assertThatThrownBy(() -> connector().connect("auto"))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no container runtime is available; tried: none (no runtime provider on the classpath)");
    }

    @Test
    void anIdConnectsThatRuntimeOnlyAndAnUnknownOneIsRefused() {
        StubProvider docker = StubProvider.working("docker", 100);
        StubProvider podman = StubProvider.working("podman", 90);
        RuntimeConnector connector = connector(docker, podman);

        try (ContainerRuntime runtime = connector.connect("podman")) {
            assertThat(runtime.id()).isEqualTo("podman");
        }
        assertThat(docker.events).isEmpty();
        assertThatThrownBy(() -> connector.connect("lxc"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown runtime 'lxc'; known runtimes: auto, docker, podman");
    }

    private static RuntimeConnector connector(ContainerRuntimeProvider... providers) {
        RuntimeRegistry registry = new RuntimeRegistry(List.of(providers));
        return new RuntimeConnector(() -> registry);
    }

    /** A third-party provider that throws something that is not an Ironbox error. */
    private static final class Broken extends ForwardingProvider {
        Broken() {
            super(StubProvider.working("broken", 1));
        }

        @Override
        public ContainerRuntime create() {
            throw new IllegalStateException("a third-party bug");
        }
    }
}
