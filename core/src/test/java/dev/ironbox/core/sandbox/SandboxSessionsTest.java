package dev.ironbox.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.egress.setup.EgressSetup;
import dev.ironbox.core.egress.EnvironmentSecrets;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.image.HostTools;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.OwnerPlace;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.run.ExecKiller;
import dev.ironbox.core.session.Sessions;
import dev.ironbox.core.testing.FakeEgressProxy;
import dev.ironbox.core.testing.FakeFirewall;
import dev.ironbox.core.testing.FakeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions on a fake engine: their container profile and labels, exec, stop, listing, egress and clean-up. */
class SandboxSessionsTest {

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();
    private final FakeEgressProxy proxy = new FakeEgressProxy(engine.log);
    private final FakeFirewall firewall = new FakeFirewall();
    private final SandboxService service = service();

    private SandboxService service() {
        engine.images.add("img");
        return new SandboxService(engine, SandboxSettings.builder().build(), proxy,
                new EnvironmentSecrets(name -> null), firewall);
    }

    private SessionRequest.Builder request() {
        return SessionRequest.builder().workspace(workspace).image("img");
    }

    private static SessionExecRequest exec(String id, String... command) {
        return SessionExecRequest.builder().sessionId(id).command(List.of(command)).build();
    }

    @Test
    void aSessionGetsTheRunsHardeningItsLabelsAndTheWatchdog() throws Exception {
        SessionInfo info = service.startSession(request().policy(SandboxPolicy.WORKSPACE_WRITE)
                .limits(ResourceLimits.builder().memoryBytes(64L << 20).cpus(0.5).pidsLimit(77)
                        .tmpfsBytes(8L << 20).build())
                .env(Map.of("GREETING", "hi")).idleTtl(Duration.ofSeconds(90)).build());

        assertThat(info.id()).matches("[0-9a-f]{12}");
        assertThat(info.running()).isTrue();
        assertThat(info.detached()).isFalse();
        assertThat(info.idleTtl()).isEqualTo(Duration.ofSeconds(90));
        ContainerSpec spec = engine.created.get(0);
        assertThat(spec.name()).isEqualTo("ironbox-session-" + info.id());
        assertThat(spec.user()).isEqualTo(SandboxUser.current().spec());
        assertThat(spec.capDrop()).containsExactly("ALL");
        assertThat(spec.capAdd()).isEmpty();
        assertThat(spec.noNewPrivileges()).isTrue();
        assertThat(spec.readOnlyRootfs()).isTrue();
        assertThat(spec.tmpfs()).containsExactly(new TmpfsMount("/tmp", 8L << 20));
        assertThat(spec.memoryBytes()).isEqualTo(64L << 20);
        assertThat(spec.memorySwapBytes()).isEqualTo(64L << 20);
        assertThat(spec.nanoCpus()).isEqualTo(500_000_000L);
        assertThat(spec.pidsLimit()).isEqualTo(77);
        assertThat(spec.init()).isTrue();
        assertThat(spec.networkMode()).isEqualTo("none");
        assertThat(spec.autoRemove()).isTrue();
        assertThat(spec.binds()).containsExactly(new Mount(workspace.toRealPath(), "/workspace", false));
        assertThat(spec.env()).containsEntry("GREETING", "hi").containsEntry("HOME", "/tmp");
        assertThat(spec.command()).startsWith("sh", "-c").endsWith("90", "5");
        assertThat(spec.labels())
                .containsEntry(OwnerLabels.MANAGED, "true")
                .containsEntry(OwnerLabels.POLICY, "workspace_write")
                .containsEntry(SessionLabels.KIND, "session")
                .containsEntry(SessionLabels.SESSION, info.id())
                .containsEntry(SessionLabels.TTL_SECONDS, "90")
                .containsEntry(SessionLabels.DETACHED, "false")
                .containsEntry(SessionLabels.IMAGE, "img")
                .containsEntry(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())
                .containsKey(OwnerLabels.OWNER_STARTED)
                .containsEntry(OwnerLabels.OWNER_BOOT, OwnerPlace.current().bootId())
                .containsEntry(OwnerLabels.OWNER_PID_NAMESPACE, OwnerPlace.current().pidNamespace());
    }

    @Test
    void aDetachedSessionHasNoOwnerAndOutlivesTheService() throws Exception {
        SessionInfo info = service.startSession(request().detached(true).idleTtl(Duration.ofMillis(2500)).build());
        ContainerSpec spec = engine.created.get(0);
        assertThat(spec.labels()).containsEntry(SessionLabels.DETACHED, "true")
                .containsEntry(SessionLabels.TTL_SECONDS, "3")
                .doesNotContainKeys(OwnerLabels.OWNER_PID, OwnerLabels.OWNER_STARTED,
                        OwnerLabels.OWNER_BOOT, OwnerLabels.OWNER_PID_NAMESPACE);
        assertThat(spec.command()).endsWith("3", "1");
        service.close();
        assertThat(engine.alive).containsExactly(info.container());
        // another process (a new service) finds it by its labels
        SessionInfo found = service().session(info.id());
        assertThat(found.detached()).isTrue();
        assertThat(found.container()).isEqualTo(info.container());
        assertThat(found.idleTtl()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void closingTheServiceStopsItsAttachedSessions() throws Exception {
        service.startSession(request().build());
        service.close();
        assertThat(engine.alive).isEmpty();
        assertThatThrownBy(() -> service.startSession(request().build()))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("closed");
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void execRunsInTheSessionsContainerWithTheSameResultContract() throws Exception {
        SessionInfo info = service.startSession(request().policy(SandboxPolicy.WORKSPACE_WRITE).build());
        engine.execExit = OptionalInt.of(3);
        RunResult result = service.execInSession(SessionExecRequest.builder().sessionId(info.id())
                .command(List.of("make", "test")).env(Map.of("K", "v")).build(), chunk -> {});
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.runtime()).isEqualTo("fake");
        assertThat(result.image()).isEqualTo("img");
        assertThat(result.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(engine.execs.get(0).command()).endsWith("make", "test");
        assertThat(engine.execs.get(0).env()).containsEntry("K", "v").containsKey(ExecKiller.MARKER_VARIABLE);
        assertThat(engine.execs.get(0).user()).as("the session's own user, whoever execs").isEmpty();
    }

    @Test
    void aWorkspaceWriteSessionIsSweptAfterEachExecAndAtItsStop() throws Exception {
        SessionInfo info = service.startSession(request().policy(SandboxPolicy.WORKSPACE_WRITE).build());
        assertThat(engine.created.get(0).labels())
                .containsEntry(HardenedSpecs.WORKSPACE_LABEL, workspace.toRealPath().toString())
                .containsEntry(HardenedSpecs.USER_LABEL, SandboxUser.current().spec());
        Path tool = madeBySandbox(workspace.resolve("tool"));
        service.execInSession(exec(info.id(), "true"), chunk -> {});
        assertThat(Files.getAttribute(tool, "unix:mode")).as("after the exec").isEqualTo(0100755);

        Path later = madeBySandbox(workspace.resolve("later")); // a process the exec left running
        service.stopSession(info.id());
        assertThat(Files.getAttribute(later, "unix:mode")).as("at the stop").isEqualTo(0100755);
    }

    /** A file as the sandbox leaves it: its own (when this test may say so), set-uid and set-gid. */
    private static Path madeBySandbox(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        if (!SandboxUser.current().isCaller()) {
            Files.setAttribute(file, "unix:uid", SandboxUser.DEDICATED_ID);
        }
        Files.setAttribute(file, "unix:mode", 06755);
        return file;
    }

    @Test
    void anExecPastItsTimeoutIsKilledAndTheSessionLivesOn() throws Exception {
        SessionInfo info = service.startSession(request().build());
        engine.execExit = OptionalInt.empty(); // the first exec does not finish in time
        RunResult result = service.execInSession(SessionExecRequest.builder().sessionId(info.id())
                .command(List.of("sleep", "30")).limits(ResourceLimits.builder().timeout(Duration.ofSeconds(2))
                        .build()).build(), chunk -> {});
        assertThat(result.timedOut()).isTrue();
        assertThat(engine.execs).hasSize(2); // the command, then the tree kill
        assertThat(String.join(" ", engine.execs.get(1).command())).contains("ironbox-exec-killer");
        assertThat(engine.killed).isEmpty();
        assertThat(engine.alive).contains(info.container());
        assertThat(service.execInSession(exec(info.id(), "true"), chunk -> {}).exitCode()).isZero();
    }

    @Test
    void anUnknownOrMalformedIdIsAnUnknownSession() {
        assertThatThrownBy(() -> service.execInSession(exec("0123456789ab", "true"), chunk -> {}))
                .isInstanceOf(UnknownSessionException.class).hasMessage("no session '0123456789ab' on fake");
        assertThatThrownBy(() -> service.stopSession("0123456789ab")).isInstanceOf(UnknownSessionException.class);
        assertThatThrownBy(() -> service.session("../etc")).isInstanceOf(UnknownSessionException.class)
                .hasMessageContaining("no session '../etc' on fake");
        assertThat(engine.execs).isEmpty();
    }

    @Test
    void aContainerWithoutTheSessionKindIsNotASession() {
        engine.add(Map.of(OwnerLabels.MANAGED, "true", SessionLabels.SESSION, "0123456789ab"), true);
        assertThatThrownBy(() -> service.session("0123456789ab")).isInstanceOf(UnknownSessionException.class);
        assertThat(service.sessions()).isEmpty();
    }

    @Test
    void anExecIntoAStoppedSessionSaysSo() throws Exception {
        SessionInfo info = service.startSession(request().detached(true).build());
        engine.stopped.add(info.container());
        assertThatThrownBy(() -> service.execInSession(exec(info.id(), "true"), chunk -> {}))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining("session " + info.id() + " has stopped");
        assertThat(engine.execs).isEmpty();
        assertThat(service.session(info.id()).running()).isFalse();
    }

    @Test
    void stopRemovesTheContainerAndTheSessionIsThenUnknown() throws Exception {
        SessionInfo info = service.startSession(request().build());
        service.stopSession(info.id());
        assertThat(engine.alive).isEmpty();
        assertThatThrownBy(() -> service.session(info.id())).isInstanceOf(UnknownSessionException.class);
        assertThatThrownBy(() -> service.execInSession(exec(info.id(), "true"), chunk -> {}))
                .isInstanceOf(UnknownSessionException.class);
    }

    @Test
    void sessionsListsOnlySessionsOldestFirst() throws Exception {
        SessionInfo first = service.startSession(request().build());
        service.run(RunRequest.builder().command(List.of("true")).workspace(workspace).image("img").build());
        engine.add(OwnerLabels.forCurrentProcess("readonly"), true); // a run of another service
        SessionInfo second = service.startSession(request().detached(true).build());
        assertThat(service.sessions()).extracting(SessionInfo::id).containsExactly(first.id(), second.id());
        assertThat(service.sessions()).extracting(SessionInfo::detached).containsExactly(false, true);
    }

    @Test
    void aBadWorkspaceIsRefusedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> service.startSession(request().workspace(workspace.resolve("missing")).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("does not exist");
        assertThat(engine.created).isEmpty();
    }

    @Test
    void aContainerThatCannotStartIsRemoved() {
        engine.startFailure = new ContainerFailureException("no such runtime");
        assertThatThrownBy(() -> service.startSession(request().build()))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("no such runtime");
        assertThat(engine.created).hasSize(1);
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void aDetachedSessionWithEgressIsRefusedUpFront() {
        assertThatThrownBy(() -> service.startSession(request().detached(true)
                .egress(EgressPolicy.of(List.of("api.example.com"), List.of())).build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("detached session cannot reach the network");
        assertThat(engine.created).isEmpty();
        assertThat(engine.networks.created).isEmpty();
        assertThat(proxy.leases).isEmpty();
    }

    @Test
    void anAttachedSessionWithEgressHasItsOwnNetworkUntilItStops() throws Exception {
        SessionInfo info = service.startSession(request()
                .egress(EgressPolicy.of(List.of("api.example.com"), List.of())).build());
        ContainerSpec spec = engine.created.get(0);
        String network = engine.networks.created.get(0).name();
        assertThat(spec.networkMode()).isEqualTo(network);
        assertThat(spec.env()).containsKey("HTTPS_PROXY");
        assertThat(engine.networks.alive.values()).allSatisfy(labels ->
                assertThat(labels).containsEntry(OwnerLabels.OWNER_PID, OwnerLabels.currentPid()));
        assertThat(proxy.leases.get(0).closed).isFalse();
        service.stopSession(info.id());
        assertThat(proxy.leases.get(0).closed).isTrue();
        assertThat(engine.networks.alive).isEmpty();
        assertThat(engine.log).containsSubsequence("remove container " + info.container().value(),
                "remove network " + engine.networks.created.get(0).id());
    }

    @Test
    void aSessionWithEgressThatFailsToStartLeavesNoNetwork() {
        engine.startFailure = new ContainerFailureException("boom");
        assertThatThrownBy(() -> service.startSession(request()
                .egress(EgressPolicy.of(List.of("api.example.com"), List.of())).build()))
                .isInstanceOf(ContainerFailureException.class);
        assertThat(engine.alive).isEmpty();
        assertThat(engine.networks.alive).isEmpty();
        assertThat(proxy.leases).allSatisfy(lease -> assertThat(lease.closed).isTrue());
    }

    @Test
    void anAttachedSessionThatStoppedOnItsOwnHasItsNetworkReleasedByTheSweep() throws Exception {
        Leftovers leftovers = new Leftovers(engine);
        Sessions sessions = new Sessions(engine, new EgressSetup(engine, proxy, new EnvironmentSecrets(name -> null),
                firewall, false, leftovers), leftovers,
                () -> EngineInfo.basic("fake", "1", "1", "", java.util.Optional.empty()), image -> List.of());
        SessionInfo stopping = sessions.start(request()
                .egress(EgressPolicy.of(List.of("api.example.com"), List.of())).build());
        SessionInfo living = sessions.start(request()
                .egress(EgressPolicy.of(List.of("api.example.com"), List.of())).build());
        engine.stopped.add(stopping.container()); // its watchdog saw the idle TTL pass

        sessions.releaseStopped();

        assertThat(proxy.leases.get(0).closed).as("the stopped session's lease").isTrue();
        assertThat(proxy.leases.get(1).closed).as("the running session's lease").isFalse();
        assertThat(engine.networks.alive).hasSize(1);
        assertThat(engine.alive).containsExactly(living.container());
        sessions.close();
        assertThat(engine.networks.alive).isEmpty();
    }

    @Test
    void closingTheServiceRemovesAnAttachedSessionsNetwork() throws Exception {
        service.startSession(request().egress(EgressPolicy.of(List.of("api.example.com"), List.of())).build());
        service.close();
        assertThat(engine.alive).isEmpty();
        assertThat(engine.networks.alive).isEmpty();
    }

    @Test
    void runsAndSessionsOfAHostToolsImageGetTheHostsToolchainReadOnly() throws Exception {
        engine.images.add("tools");
        engine.imageLabels.put("tools", Map.of(HostTools.LABEL, "1"));
        service.startSession(request().image("tools").build());
        service.run(RunRequest.builder().command(List.of("true")).workspace(workspace).image("tools").build());
        service.startSession(request().build()); // an ordinary image gets none
        List<Mount> expected = HostTools.binds(Map.of(HostTools.LABEL, "1"));
        assertThat(expected).isNotEmpty().allSatisfy(mount -> assertThat(mount.readOnly()).isTrue());
        assertThat(engine.created.get(0).binds()).containsAll(expected);
        assertThat(engine.created.get(1).binds()).containsAll(expected);
        assertThat(engine.created.get(2).binds()).hasSize(1);
    }
}
