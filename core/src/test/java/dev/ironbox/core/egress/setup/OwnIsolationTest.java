package dev.ironbox.core.egress.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.egress.EnvironmentSecrets;
import dev.ironbox.core.egress.HostIsolation;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.testing.FakeEgressProxy;
import dev.ironbox.core.testing.FakeFirewall;
import dev.ironbox.core.testing.FakeRuntime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A runtime that isolates its networks itself (Kubernetes' NetworkPolicies): its isolation is the runtime's, its
 * network gets no named bridge, and its own opening to the run's proxy listener replaces the host firewall's.
 */
class OwnIsolationTest {

    private static final NetworkIsolation POLICIES =
            NetworkIsolation.enforced("NetworkPolicy (enforced only by a CNI that supports it)");

    private final FakeRuntime engine = new FakeRuntime();
    private final FakeEgressProxy proxy = new FakeEgressProxy(engine.log);
    private final FakeFirewall firewall = new FakeFirewall();

    private EgressSetup setup(boolean allowUnisolated) {
        return new EgressSetup(engine, proxy, new EnvironmentSecrets(name -> null), firewall, allowUnisolated,
                new Leftovers(engine));
    }

    private static EgressPolicy allowing() {
        return EgressPolicy.of(List.of("api.example.com"), List.of());
    }

    @Test
    void theRuntimesOwnIsolationIsTheIsolationWithOrWithoutAHostFirewall() {
        engine.networks.ownIsolation = Optional.of(POLICIES);

        assertThat(HostIsolation.of(engine, firewall)).isEqualTo(POLICIES);
        assertThat(HostIsolation.of(engine, null)).isEqualTo(POLICIES);
        assertThat(HostIsolation.of(engine, null).enforced()).isTrue();
    }

    @Test
    void aNetworkedRunGetsAPlainNetworkAndTheRuntimesOpeningToItsListenerNotTheHostFirewall() {
        engine.networks.ownIsolation = Optional.of(POLICIES);
        EgressSetup setup = new EgressSetup(engine, proxy, new EnvironmentSecrets(name -> null), null, false,
                new Leftovers(engine));

        EgressSession session = setup.open(setup.resolve(allowing()).orElseThrow(), Map.of("k", "v"));

        SandboxNetwork network = engine.networks.created.get(0);
        assertThat(network.hostInterface()).as("no bridge named for a host firewall").isEmpty();
        int port = proxy.leases.get(0).proxyUri().getPort();
        assertThat(engine.networks.allowed).containsExactly(network.id() + " 10.99.0.1:" + port);
        assertThat(session.container().networkMode()).isEqualTo(network.name());

        session.close();

        assertThat(engine.networks.allowed).as("openings left").isEmpty();
        assertThat(engine.networks.alive).isEmpty();
    }

    @Test
    void withAHostFirewallPresentTheRuntimesOwnIsolationStillTakesItsPlace() {
        engine.networks.ownIsolation = Optional.of(POLICIES);
        EgressSetup setup = setup(false);

        try (EgressSession session = setup.open(setup.resolve(allowing()).orElseThrow(), Map.of())) {
            assertThat(firewall.open).isEmpty();
            assertThat(engine.networks.allowed).hasSize(1);
        }
    }

    @Test
    void anOwnIsolationThatCannotHoldRefusesTheRunWithItsReasonUnlessUnisolatedEgressWasAllowed() {
        engine.networks.ownIsolation = Optional.of(NetworkIsolation.unavailable("the cluster has no policies"));

        assertThatThrownBy(() -> setup(false).resolve(allowing()))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessageContaining("the cluster has no policies");

        EgressSetup allowed = setup(true);
        try (EgressSession session = allowed.open(allowed.resolve(allowing()).orElseThrow(), Map.of())) {
            assertThat(engine.networks.allowed).isEmpty();
            assertThat(firewall.open).isEmpty();
            assertThat(engine.networks.created.get(0).hostInterface()).isEmpty();
        }
    }

    @Test
    void withoutOwnIsolationTheHostFirewallPathIsUnchanged() {
        EgressSetup setup = setup(false);

        try (EgressSession session = setup.open(setup.resolve(allowing()).orElseThrow(), Map.of())) {
            SandboxNetwork network = engine.networks.created.get(0);
            assertThat(network.hostInterface()).matches("ibx[0-9a-f]{12}");
            assertThat(firewall.open).hasSize(1);
            assertThat(engine.networks.allowed).isEmpty();
        }
    }
}
