package dev.ironbox.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.egress.EnvironmentSecrets;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.testing.FakeEgressProxy;
import dev.ironbox.core.testing.FakeFirewall;
import dev.ironbox.core.testing.FakeRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container (of a run or a session) or a network that could not be removed while the engine was away is removed by
 * the service's next run, session start or close — the containers before the networks.
 */
class LeftoversTest {

    private static final EgressPolicy NETWORKED = EgressPolicy.of(List.of("api.example.com"), List.of());

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();

    private SandboxService service() {
        engine.images.add("img");
        return InlineRemovals.service(engine, SandboxSettings.builder().build(), new FakeEgressProxy(engine.log),
                new EnvironmentSecrets(name -> null), new FakeFirewall());
    }

    /** The engine goes away: neither containers nor networks can be removed. */
    private void engineAway() {
        engine.removeFailure = new ContainerFailureException("cannot remove container: the engine went away");
        engine.networks.removeFailure = new ContainerFailureException("cannot remove network: the engine went away");
    }

    private void engineBack() {
        engine.removeFailure = null;
        engine.networks.removeFailure = null;
    }

    @Test
    void aContainerWhoseRemovalFailedIsRemovedByTheNextRun() throws Exception {
        try (SandboxService service = service()) {
            engineAway();
            service.run(request(), chunk -> {});
            List<ContainerId> left = List.copyOf(engine.alive);
            assertThat(left).as("the engine was away when the run ended").hasSize(1);

            engineBack();
            service.run(request(), chunk -> {});

            assertThat(engine.alive).as("the leftover and the second run's container").isEmpty();
            assertThat(engine.log).contains("remove container " + left.get(0).value());
        }
    }

    @Test
    void closeRemovesWhatIsLeftWhenTheEngineIsBack() throws Exception {
        SandboxService service = service();
        engineAway();
        service.run(request(), chunk -> {});
        engineBack();

        service.close();

        assertThat(engine.alive).isEmpty();
    }

    @Test
    void aNetworkWhoseRemovalFailedIsRemovedByTheNextRunAfterItsContainer() throws Exception {
        try (SandboxService service = service()) {
            engineAway();
            service.run(networkedRequest(), chunk -> {});
            ContainerId container = List.copyOf(engine.alive).get(0);
            String network = engine.networks.created.get(0).id();
            assertThat(engine.networks.alive).as("the engine was away when the run ended").containsOnlyKeys(network);

            engineBack();
            service.run(request(), chunk -> {});

            assertThat(engine.alive).isEmpty();
            assertThat(engine.networks.alive).as("the leftover network").isEmpty();
            assertThat(engine.log).containsSubsequence("remove container " + container.value(),
                    "remove network " + network);
        }
    }

    @Test
    void aLeftoverNetworkWaitsWhileItsContainerCannotBeRemoved() throws Exception {
        try (SandboxService service = service()) {
            engineAway();
            service.run(networkedRequest(), chunk -> {});
            String network = engine.networks.created.get(0).id();
            engine.networks.removeFailure = null; // the network could go, but its container is still attached

            service.run(request(), chunk -> {});

            assertThat(engine.networks.alive).as("not removed before its container").containsOnlyKeys(network);
            engineBack();
            service.run(request(), chunk -> {});
            assertThat(engine.alive).isEmpty();
            assertThat(engine.networks.alive).isEmpty();
        }
    }

    @Test
    void closeRemovesALeftoverNetworkWhenTheEngineIsBack() throws Exception {
        SandboxService service = service();
        engineAway();
        service.run(networkedRequest(), chunk -> {});
        assertThat(engine.networks.alive).hasSize(1);
        engineBack();

        service.close();

        assertThat(engine.alive).isEmpty();
        assertThat(engine.networks.alive).isEmpty();
    }

    @Test
    void aSessionsContainerAndNetworkLeftByAFailedStopAreRemovedByTheNextSessionStart() throws Exception {
        try (SandboxService service = service()) {
            SessionInfo session = service.startSession(SessionRequest.builder().workspace(workspace).image("img")
                    .egress(NETWORKED).build());
            engineAway();
            assertThatThrownBy(() -> service.stopSession(session.id())).isInstanceOf(ContainerFailureException.class);
            assertThat(engine.alive).containsExactly(session.container());
            assertThat(engine.networks.alive).hasSize(1);

            engineBack();
            SessionInfo next = service.startSession(SessionRequest.builder().workspace(workspace).image("img")
                    .build());

            assertThat(engine.alive).containsExactly(next.container());
            assertThat(engine.networks.alive).isEmpty();
            assertThat(engine.log).containsSubsequence("remove container " + session.container().value(),
                    "remove network " + engine.networks.created.get(0).id());
        }
    }

    @Test
    void aSessionContainerLeftByAFailedStartIsRemovedByTheNextSessionStart() throws Exception {
        try (SandboxService service = service()) {
            engine.startFailure = new ContainerFailureException("cannot start container: the engine went away");
            engineAway();
            assertThatThrownBy(() -> service.startSession(SessionRequest.builder().workspace(workspace).image("img")
                    .egress(NETWORKED).build())).isInstanceOf(ContainerFailureException.class);
            List<ContainerId> left = List.copyOf(engine.alive);
            assertThat(left).hasSize(1);
            assertThat(engine.networks.alive).hasSize(1);

            engine.startFailure = null;
            engineBack();
            SessionInfo next = service.startSession(SessionRequest.builder().workspace(workspace).image("img")
                    .build());

            assertThat(engine.alive).containsExactly(next.container());
            assertThat(engine.networks.alive).isEmpty();
        }
    }

    private RunRequest request() {
        return RunRequest.builder().command(List.of("true")).workspace(workspace).image("img").build();
    }

    private RunRequest networkedRequest() {
        return RunRequest.builder().command(List.of("true")).workspace(workspace).image("img").egress(NETWORKED)
                .build();
    }
}
