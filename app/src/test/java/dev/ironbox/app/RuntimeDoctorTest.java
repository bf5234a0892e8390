package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.model.NamedEndpoint;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.RuntimeDiagnosis;
import dev.ironbox.core.model.RuntimesReport;
import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.port.out.HostFirewallPort;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeDoctorTest {

    private static final HostFirewallPort FIREWALL = new HostFirewallPort() {
        @Override
        public NetworkIsolation isolation() {
            return NetworkIsolation.enforced("a test firewall");
        }

        @Override
        public Opening open(String hostInterface, InetAddress address, int port) {
            throw new UnsupportedOperationException();
        }
    };

    private final StubProvider docker = StubProvider.unreachable("docker", 100, "no Docker engine answered; tried: "
            + "unix:///var/run/docker.sock: connection refused");
    private final StubProvider rootless = StubProvider.withLimits("podman", 90, EnumSet.of(LimitKind.CPU));
    private final StubProvider third = StubProvider.working("third", 10);
    private final RuntimeRegistry registry = new RuntimeRegistry(List.of(third, rootless, docker));

    @Test
    void everyRuntimeIsProbedAndClosedInAutosOrder() {
        RuntimesReport report = doctor(requested -> new RuntimeChoice("auto", RuntimeChoice.DEFAULT)).diagnose();

        assertThat(report.runtimes()).extracting(RuntimeDiagnosis::id).containsExactly("docker", "podman", "third");
        RuntimeDiagnosis unreachable = report.runtimes().get(0);
        assertThat(unreachable.reachable()).isFalse();
        assertThat(unreachable.priority()).isEqualTo(100);
        assertThat(unreachable.problem().orElseThrow()).contains("unix:///var/run/docker.sock");
        RuntimeDiagnosis limited = report.runtimes().get(1);
        assertThat(limited.reachable()).isTrue();
        assertThat(limited.usable()).isFalse();
        assertThat(limited.problem()).contains("cannot enforce the memory, pids limits (rootless, cgroups v2)");
        RuntimeDiagnosis working = report.runtimes().get(2);
        assertThat(working.usable()).isTrue();
        assertThat(working.engine().orElseThrow().version()).isEqualTo("9.9");
        assertThat(working.defaultImagePresent()).isTrue();
        assertThat(report.autoPick()).contains("third");
        assertThat(report.configuredPick()).contains("third");
        assertThat(report.anyUsable()).isTrue();
        assertThat(rootless.events).containsExactly("create", "close");
        assertThat(third.events).containsExactly("create", "close");
        assertThat(working.networkIsolation().orElseThrow().enforced())
                .as("a runtime without sandbox networks cannot isolate them").isFalse();
        assertThat(working.networkIsolation().orElseThrow().description()).contains("runtime third has no sandbox"
                + " networks");
        assertThat(unreachable.networkIsolation()).isEmpty();
    }

    @Test
    void aConfiguredRuntimeThatDoesNotWorkPicksNothing() {
        RuntimesReport report = doctor(requested -> new RuntimeChoice("docker", "IRONBOX_RUNTIME")).diagnose();

        assertThat(report.configured()).contains(new RuntimeChoice("docker", "IRONBOX_RUNTIME"));
        assertThat(report.configuredPick()).isEmpty();
        assertThat(report.autoPick()).contains("third");
    }

    @Test
    void aNamedEndpointIsShownAndAutoWouldUseNothingWhenItDoesNotAnswer() {
        NamedEndpoint dead = new NamedEndpoint("DOCKER_HOST", "unix:///nonexistent.sock");
        StubProvider named = StubProvider.unreachable("docker", 100,
                "no Docker engine at DOCKER_HOST=unix:///nonexistent.sock: not found").named(dead);
        RuntimeRegistry runtimes = new RuntimeRegistry(List.of(named, third));

        RuntimesReport report = new RuntimeDoctor(() -> runtimes,
                requested -> new RuntimeChoice("auto", RuntimeChoice.DEFAULT), FIREWALL).diagnose();

        assertThat(report.runtimes().get(0).namedEndpoint()).contains(dead);
        assertThat(report.runtimes().get(1).namedEndpoint()).isEmpty();
        assertThat(report.runtimes().get(1).usable()).isTrue();
        assertThat(report.autoPick()).as("auto never passes over a named engine").isEmpty();
        assertThat(report.configuredPick()).isEmpty();
    }

    @Test
    void aBrokenConfigurationIsAValue() {
        RuntimesReport report = doctor(requested -> {
            throw new InvalidConfigurationException("unknown key 'runtim' in /x.toml; known keys: runtime");
        }).diagnose();

        assertThat(report.configured()).isEmpty();
        assertThat(report.configurationProblem()).contains("unknown key 'runtim' in /x.toml; known keys: runtime");
        assertThat(report.runtimes()).hasSize(3);
    }

    @Test
    void aBrokenClasspathIsAValue() {
        RuntimeDoctor doctor = new RuntimeDoctor(() -> {
            throw new InvalidConfigurationException("two runtime providers have the id 'docker'");
        }, requested -> new RuntimeChoice("auto", RuntimeChoice.DEFAULT), FIREWALL);

        RuntimesReport report = doctor.diagnose();

        assertThat(report.runtimes()).isEmpty();
        assertThat(report.anyUsable()).isFalse();
        assertThat(report.configurationProblem()).contains("two runtime providers have the id 'docker'");
    }

    private RuntimeDoctor doctor(SelectRuntimeUseCase selection) {
        return new RuntimeDoctor(() -> registry, selection, FIREWALL);
    }

}
