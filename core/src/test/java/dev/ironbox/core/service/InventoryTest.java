package dev.ironbox.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.SandboxKind;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SandboxSummary;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ironbox ps} and {@code ironbox cleanup}: what is listed, and what is removed and what is never touched. */
class InventoryTest {

    /** The pid of a process that ran and ended: a dead owner. */
    private static long deadPid;

    private final FakeRuntime engine = new FakeRuntime();
    private final SandboxService service = new SandboxService(engine, SandboxSettings.builder().build());

    @BeforeAll
    static void makeADeadProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        deadPid = process.pid();
        assertThat(ProcessHandle.of(deadPid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    private static Map<String, String> live() {
        return OwnerLabels.forCurrentProcess("readonly");
    }

    private static Map<String, String> dead() {
        Map<String, String> labels = new HashMap<>(live());
        labels.put(OwnerLabels.OWNER_PID, Long.toString(deadPid));
        return labels;
    }

    /** This process's pid, but a start time years before it started: the pid was reused. */
    private static Map<String, String> reusedPid() {
        Map<String, String> labels = new HashMap<>(live());
        labels.put(OwnerLabels.OWNER_STARTED, "2001-01-01T00:00:00Z");
        return labels;
    }

    private static Map<String, String> detachedSession(String id) {
        return Map.of(OwnerLabels.MANAGED, "true", OwnerLabels.POLICY, "readonly", SessionLabels.KIND, "session",
                SessionLabels.SESSION, id, SessionLabels.DETACHED, "true", SessionLabels.TTL_SECONDS, "60");
    }

    @Test
    void cleanupRemovesContainersWhoseOwnerIsGoneAndStoppedDetachedSessions() {
        ContainerId liveRun = engine.add(live(), true);
        ContainerId deadRun = engine.add(dead(), true);
        ContainerId reused = engine.add(reusedPid(), true);
        ContainerId runningDetached = engine.add(detachedSession("aaaaaaaaaaaa"), true);
        ContainerId stoppedDetached = engine.add(detachedSession("bbbbbbbbbbbb"), false);
        ContainerId deadAttached = engine.add(withSession(dead(), "cccccccccccc"), true);

        CleanupReport report = service.cleanup(false);

        assertThat(report.runtime()).isEqualTo("fake");
        assertThat(report.containers()).containsExactlyInAnyOrder(deadRun, reused, stoppedDetached, deadAttached);
        assertThat(report.failures()).isEmpty();
        assertThat(engine.alive).containsExactlyInAnyOrder(liveRun, runningDetached);
    }

    @Test
    void nothingWithoutTheManagedLabelIsEverTouchedEvenWithAll() {
        Map<String, String> unmanaged = new HashMap<>(dead());
        unmanaged.put(OwnerLabels.MANAGED, "false");
        ContainerId foreign = engine.add(unmanaged, false);
        String foreignNetwork = engine.networks.add(unmanaged);

        CleanupReport report = service.cleanup(true);

        assertThat(report.containers()).isEmpty();
        assertThat(report.networks()).isEmpty();
        assertThat(engine.alive).containsExactly(foreign);
        assertThat(engine.networks.alive).containsKey(foreignNetwork);
    }

    @Test
    void allRemovesEveryManagedContainerAndNetwork() {
        ContainerId liveRun = engine.add(live(), true);
        ContainerId detached = engine.add(detachedSession("aaaaaaaaaaaa"), true);
        String liveNetwork = engine.networks.add(live());

        CleanupReport report = service.cleanup(true);

        assertThat(report.containers()).containsExactlyInAnyOrder(liveRun, detached);
        assertThat(report.networks()).containsExactly(liveNetwork);
        assertThat(engine.alive).isEmpty();
        assertThat(engine.networks.alive).isEmpty();
    }

    @Test
    void networksGoWhenTheirOwnerIsGone() {
        String liveNetwork = engine.networks.add(live());
        String deadNetwork = engine.networks.add(dead());

        CleanupReport report = service.cleanup(false);

        assertThat(report.networks()).containsExactly(deadNetwork);
        assertThat(engine.networks.alive).containsOnlyKeys(liveNetwork);
    }

    @Test
    void whatCannotBeRemovedIsReportedAndTheRestGoesOn() {
        ContainerId deadRun = engine.add(dead(), true);
        String deadNetwork = engine.networks.add(dead());
        engine.removeFailure = new ContainerFailureException("engine said no");
        engine.networks.removeFailure = new ContainerFailureException("network busy");

        CleanupReport report = service.cleanup(false);

        assertThat(report.containers()).isEmpty();
        assertThat(report.networks()).isEmpty();
        assertThat(report.failures()).hasSize(2);
        assertThat(report.failures().get(0)).contains(deadRun.toString()).contains("engine said no");
        assertThat(report.failures().get(1)).contains("net-" + deadNetwork).contains("network busy");
    }

    @Test
    void sandboxesListsRunsAndSessionsOldestFirstWithTheirOwners() {
        ContainerId run = engine.add(live(), true);
        ContainerId orphan = engine.add(dead(), false);
        ContainerId detached = engine.add(detachedSession("aaaaaaaaaaaa"), true);
        Map<String, String> noPolicy = new HashMap<>(live());
        noPolicy.remove(OwnerLabels.POLICY);
        engine.add(noPolicy, true);

        var listed = service.sandboxes();

        assertThat(listed).extracting(SandboxSummary::container).startsWith(run, orphan, detached).hasSize(4);
        assertThat(listed).extracting(SandboxSummary::created).isSorted();
        SandboxSummary first = listed.get(0);
        assertThat(first.kind()).isEqualTo(SandboxKind.RUN);
        assertThat(first.sessionId()).isEmpty();
        assertThat(first.ownerPid()).isEqualTo(OptionalLong.of(ProcessHandle.current().pid()));
        assertThat(first.ownerAlive()).isTrue();
        assertThat(first.policy()).isEqualTo("readonly");
        assertThat(first.runtime()).isEqualTo("fake");
        assertThat(first.command()).containsExactly("sleep", "1d");
        assertThat(listed.get(1).ownerAlive()).isFalse();
        assertThat(listed.get(1).running()).isFalse();
        SandboxSummary session = listed.get(2);
        assertThat(session.kind()).isEqualTo(SandboxKind.SESSION);
        assertThat(session.sessionId()).isEqualTo(Optional.of("aaaaaaaaaaaa"));
        assertThat(session.ownerPid()).isEmpty();
        assertThat(session.ownerAlive()).isTrue();
        assertThat(listed.get(3).policy()).isEqualTo("?");
    }

    @Test
    void ownerLivenessNeedsThePidAndItsStartTime() {
        assertThat(OwnerLiveness.ownerAlive(live())).isTrue();
        assertThat(OwnerLiveness.ownerAlive(dead())).isFalse();
        assertThat(OwnerLiveness.ownerAlive(reusedPid())).isFalse();
        assertThat(OwnerLiveness.ownerAlive(Map.of(OwnerLabels.MANAGED, "true"))).isFalse();
        assertThat(OwnerLiveness.ownerAlive(Map.of(OwnerLabels.OWNER_PID, "not-a-pid"))).isFalse();
        // a start time that was not known when labelling is not held against a live process
        assertThat(OwnerLiveness.ownerAlive(Map.of(OwnerLabels.OWNER_PID, OwnerLabels.currentPid(),
                OwnerLabels.OWNER_STARTED, "unknown"))).isTrue();
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        assertThat(OwnerLiveness.ownerAlive(Map.of(OwnerLabels.OWNER_PID, OwnerLabels.currentPid(),
                OwnerLabels.OWNER_STARTED, started.plusSeconds(5).toString()))).isFalse();
    }

    private static Map<String, String> withSession(Map<String, String> owner, String id) {
        Map<String, String> labels = new HashMap<>(owner);
        labels.putAll(Map.of(SessionLabels.KIND, "session", SessionLabels.SESSION, id, SessionLabels.DETACHED,
                "false"));
        return labels;
    }
}
