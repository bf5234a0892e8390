package dev.ironbox.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.inventory.OwnerLiveness.Owner;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.OwnerPlace;
import dev.ironbox.core.label.PoolLabels;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.SandboxKind;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.sandbox.SandboxService;
import dev.ironbox.core.testing.FakeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ironbox ps} and {@code ironbox cleanup}: what is listed, and what is removed and what is never touched. The
 * inventory judges from {@link #HERE}, a made-up place, so these run the same wherever /proc is readable or not.
 */
class InventoryTest {

    private static final OwnerPlace HERE = new OwnerPlace("0b1d2c3e-4f50-6172-8394-a5b6c7d8e9f0", "4026531836");

    private static final String OTHER_BOOT = "ffffffff-0000-4000-8000-000000000001";
    private static final String OTHER_NAMESPACE = "4026532999";

    /** The pid of a process that ran and ended: a dead owner. */
    private static long deadPid;

    private final FakeRuntime engine = new FakeRuntime();
    private final Inventory inventory = new Inventory(engine, HERE);

    @BeforeAll
    static void makeADeadProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        deadPid = process.pid();
        assertThat(ProcessHandle.of(deadPid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    /** Labels of this (live) process, as if made at {@link #HERE}. */
    private static Map<String, String> live() {
        return at(HERE.bootId(), HERE.pidNamespace(), OwnerLabels.forCurrentProcess("readonly"));
    }

    private static Map<String, String> at(String boot, String pidNamespace, Map<String, String> owner) {
        Map<String, String> labels = new HashMap<>(owner);
        labels.put(OwnerLabels.OWNER_BOOT, boot);
        labels.put(OwnerLabels.OWNER_PID_NAMESPACE, pidNamespace);
        return labels;
    }

    /** A dead owner's labels without boot id and pid namespace, as an Ironbox before them made them. */
    private static Map<String, String> olderIronbox(Map<String, String> owner) {
        Map<String, String> labels = new HashMap<>(owner);
        labels.remove(OwnerLabels.OWNER_BOOT);
        labels.remove(OwnerLabels.OWNER_PID_NAMESPACE);
        return labels;
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
        labels.put(OwnerLabels.OWNER_START_TICKS, "1");
        return labels;
    }

    /** A hard deadline no test reaches (the fake engine's containers were created in the past). */
    private static final String FAR = "2999-01-01T00:00:00Z";

    private static Map<String, String> detachedSession(String id) {
        return Map.of(OwnerLabels.MANAGED, "true", OwnerLabels.POLICY, "readonly", SessionLabels.KIND, "session",
                SessionLabels.SESSION, id, SessionLabels.DETACHED, "true", SessionLabels.TTL_SECONDS, "60",
                SessionLabels.EXPIRES, FAR);
    }

    @Test
    void cleanupRemovesContainersWhoseOwnerIsGoneAndStoppedDetachedSessions() {
        ContainerId liveRun = engine.add(live(), true);
        ContainerId deadRun = engine.add(dead(), true);
        ContainerId reused = engine.add(reusedPid(), true);
        ContainerId runningDetached = engine.add(detachedSession("aaaaaaaaaaaa"), true);
        ContainerId stoppedDetached = engine.add(detachedSession("bbbbbbbbbbbb"), false);
        ContainerId deadAttached = engine.add(withSession(dead(), "cccccccccccc"), true);

        CleanupReport report = inventory.cleanup(false);

        assertThat(report.runtime()).isEqualTo("fake");
        assertThat(report.containers()).containsExactlyInAnyOrder(deadRun, reused, stoppedDetached, deadAttached);
        assertThat(report.failures()).isEmpty();
        assertThat(engine.alive).containsExactlyInAnyOrder(liveRun, runningDetached);
    }

    @Test
    void pooledSandboxesAreListedAsSuchAndReapedOnceTheirShimGaveUpOrTheirOwnerDied() {
        ContainerId waiting = engine.add(pooled(live(), FAR), true);
        ContainerId gaveUp = engine.add(pooled(live(), "2001-01-01T00:00:00Z"), false);
        ContainerId justEnded = engine.add(pooled(live(), FAR), false); // its owner reads its exit now
        ContainerId orphan = engine.add(pooled(dead(), FAR), true);

        assertThat(inventory.sandboxes()).filteredOn(s -> s.container().equals(waiting))
                .extracting(SandboxSummary::kind).containsExactly(SandboxKind.POOLED);
        CleanupReport report = inventory.cleanup(false);

        assertThat(report.containers()).containsExactlyInAnyOrder(gaveUp, orphan);
        assertThat(engine.alive).contains(waiting, justEnded);
    }

    private static Map<String, String> pooled(Map<String, String> owner, String expires) {
        Map<String, String> labels = new HashMap<>(owner);
        labels.put(SessionLabels.KIND, PoolLabels.POOLED_KIND);
        labels.put(PoolLabels.EXPIRES, expires);
        return labels;
    }

    @Test
    void nothingWithoutTheManagedLabelIsEverTouchedEvenWithAll() {
        Map<String, String> unmanaged = new HashMap<>(dead());
        unmanaged.put(OwnerLabels.MANAGED, "false");
        ContainerId foreign = engine.add(unmanaged, false);
        String foreignNetwork = engine.networks.add(unmanaged);

        CleanupReport report = inventory.cleanup(true);

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

        CleanupReport report = inventory.cleanup(true);

        assertThat(report.containers()).containsExactlyInAnyOrder(liveRun, detached);
        assertThat(report.networks()).as("by name, as everything else shows them").containsExactly("net-" + liveNetwork);
        assertThat(engine.alive).isEmpty();
        assertThat(engine.networks.alive).isEmpty();
    }

    @Test
    void networksGoWhenTheirOwnerIsGone() {
        String liveNetwork = engine.networks.add(live());
        String deadNetwork = engine.networks.add(dead());

        CleanupReport report = inventory.cleanup(false);

        assertThat(report.networks()).as("by name, as everything else shows them").containsExactly("net-" + deadNetwork);
        assertThat(engine.networks.alive).containsOnlyKeys(liveNetwork);
    }

    @Test
    void whatCannotBeRemovedIsReportedAndTheRestGoesOn() {
        ContainerId deadRun = engine.add(dead(), true);
        String deadNetwork = engine.networks.add(dead());
        engine.removeFailure = new ContainerFailureException("engine said no");
        engine.networks.removeFailure = new ContainerFailureException("network busy");

        CleanupReport report = inventory.cleanup(false);

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

        var listed = inventory.sandboxes();

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
    void ownersRecordedElsewhereOrNotSayingWhereAreKeptUntilAll() {
        ContainerId otherBoot = engine.add(at(OTHER_BOOT, HERE.pidNamespace(), dead()), true);
        ContainerId otherNamespace = engine.add(at(HERE.bootId(), OTHER_NAMESPACE, dead()), true);
        ContainerId older = engine.add(olderIronbox(dead()), false);
        ContainerId unknown = engine.add(at(OwnerPlace.UNKNOWN, OwnerPlace.UNKNOWN, dead()), true);
        ContainerId olderAttached = engine.add(withSession(olderIronbox(dead()), "dddddddddddd"), true);
        String otherBootNetwork = engine.networks.add(at(OTHER_BOOT, HERE.pidNamespace(), dead()));
        String olderNetwork = engine.networks.add(olderIronbox(dead()));
        ContainerId deadHere = engine.add(dead(), true);

        CleanupReport report = inventory.cleanup(false);

        assertThat(report.containers()).containsExactly(deadHere);
        assertThat(report.networks()).isEmpty();
        assertThat(report.failures()).isEmpty();
        assertThat(engine.alive).containsExactlyInAnyOrder(otherBoot, otherNamespace, older, unknown, olderAttached);
        assertThat(engine.networks.alive).containsOnlyKeys(otherBootNetwork, olderNetwork);

        CleanupReport all = inventory.cleanup(true);

        assertThat(all.containers()).containsExactlyInAnyOrder(otherBoot, otherNamespace, older, unknown,
                olderAttached);
        assertThat(all.networks()).containsExactlyInAnyOrder("net-" + otherBootNetwork, "net-" + olderNetwork);
    }

    @Test
    void psShowsOwnersThatCannotBeCheckedFromHereAsNotOrphaned() {
        engine.add(at(OTHER_BOOT, HERE.pidNamespace(), dead()), true);
        engine.add(at(HERE.bootId(), OTHER_NAMESPACE, dead()), true);
        engine.add(olderIronbox(dead()), true);
        engine.add(dead(), true);

        assertThat(inventory.sandboxes()).extracting(SandboxSummary::ownerAlive)
                .containsExactly(true, true, true, false);
    }

    @Test
    void whereThisProcessCannotTellWhereItRunsNoOwnerIsJudgedDead() {
        // not Linux: neither the boot id nor the pid namespace could be read, here or when labelling
        Inventory blind = new Inventory(engine, new OwnerPlace(OwnerPlace.UNKNOWN, OwnerPlace.UNKNOWN));
        ContainerId labelledBlind = engine.add(at(OwnerPlace.UNKNOWN, OwnerPlace.UNKNOWN, dead()), true);
        ContainerId labelledHere = engine.add(dead(), true);

        assertThat(blind.cleanup(false).containers()).isEmpty();
        assertThat(engine.alive).containsExactlyInAnyOrder(labelledBlind, labelledHere);
    }

    @Test
    void ownerLivenessNeedsThePlaceThePidAndItsStartTime() {
        assertThat(OwnerLiveness.owner(live(), HERE)).isEqualTo(Owner.ALIVE);
        assertThat(OwnerLiveness.owner(dead(), HERE)).isEqualTo(Owner.DEAD);
        assertThat(OwnerLiveness.owner(reusedPid(), HERE)).isEqualTo(Owner.DEAD);
        assertThat(OwnerLiveness.owner(at(OTHER_BOOT, HERE.pidNamespace(), dead()), HERE)).isEqualTo(Owner.UNKNOWN);
        assertThat(OwnerLiveness.owner(at(HERE.bootId(), OTHER_NAMESPACE, reusedPid()), HERE))
                .isEqualTo(Owner.UNKNOWN);
        assertThat(OwnerLiveness.owner(olderIronbox(dead()), HERE)).isEqualTo(Owner.UNKNOWN);
        // labels naming no pid, or a malformed one, cannot prove an owner dead
        assertThat(OwnerLiveness.owner(at(HERE.bootId(), HERE.pidNamespace(), Map.of(OwnerLabels.MANAGED, "true")),
                HERE)).isEqualTo(Owner.UNKNOWN);
        assertThat(OwnerLiveness.owner(at(HERE.bootId(), HERE.pidNamespace(),
                Map.of(OwnerLabels.OWNER_PID, "not-a-pid")), HERE)).isEqualTo(Owner.UNKNOWN);
        // a start time that was not known when labelling is not held against a live process
        Map<String, String> noStart = new HashMap<>(live());
        noStart.put(OwnerLabels.OWNER_STARTED, "unknown");
        assertThat(OwnerLiveness.owner(noStart, HERE)).isEqualTo(Owner.ALIVE);
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Map<String, String> later = new HashMap<>(live());
        later.remove(OwnerLabels.OWNER_START_TICKS); // labels without ticks (an older Ironbox): the instant decides
        later.put(OwnerLabels.OWNER_STARTED, started.plusSeconds(5).toString());
        assertThat(OwnerLiveness.owner(later, HERE)).isEqualTo(Owner.DEAD);
    }

    @Test
    void thePlaceIsReadFromTheBootIdAndThePidNamespaceLinkOrIsUnknown(@TempDir Path dir) throws Exception {
        Path boot = Files.writeString(dir.resolve("boot_id"), "5ba78bce-8af5-4336-90cc-231a3eabab6c\n");
        assertThat(OwnerPlace.readBootId(boot)).isEqualTo("5ba78bce-8af5-4336-90cc-231a3eabab6c");
        assertThat(OwnerPlace.readBootId(dir.resolve("absent"))).isEqualTo(OwnerPlace.UNKNOWN);
        assertThat(OwnerPlace.readBootId(Files.writeString(dir.resolve("garbage"), "not a boot id\n")))
                .isEqualTo(OwnerPlace.UNKNOWN);
        assertThat(OwnerPlace.readBootId(Files.writeString(dir.resolve("empty"), ""))).isEqualTo(OwnerPlace.UNKNOWN);

        Path pid = Files.createSymbolicLink(dir.resolve("pid"), Path.of("pid:[4026531836]"));
        assertThat(OwnerPlace.readPidNamespace(pid)).isEqualTo("4026531836");
        Path net = Files.createSymbolicLink(dir.resolve("net"), Path.of("net:[4026531840]"));
        assertThat(OwnerPlace.readPidNamespace(net)).isEqualTo(OwnerPlace.UNKNOWN);
        assertThat(OwnerPlace.readPidNamespace(boot)).as("not a link").isEqualTo(OwnerPlace.UNKNOWN);
        assertThat(OwnerPlace.readPidNamespace(dir.resolve("absent"))).isEqualTo(OwnerPlace.UNKNOWN);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxTheLabelsRecordThisProcesssBootAndPidNamespaceAndTheServiceJudgesFromThere() throws Exception {
        Map<String, String> labels = OwnerLabels.forCurrentProcess("readonly");
        String namespaceLink = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        assertThat(labels)
                .containsEntry(OwnerLabels.OWNER_BOOT,
                        Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim())
                .containsEntry(OwnerLabels.OWNER_PID_NAMESPACE, namespaceLink.replaceAll("\\D", ""));
        Map<String, String> deadHere = new HashMap<>(labels);
        deadHere.put(OwnerLabels.OWNER_PID, Long.toString(deadPid));
        ContainerId orphan = engine.add(deadHere, true);
        ContainerId owned = engine.add(labels, true);
        SandboxService service = new SandboxService(engine, SandboxSettings.builder().build());

        assertThat(service.cleanup(false).containers()).containsExactly(orphan);
        assertThat(engine.alive).containsExactly(owned);
    }

    private static Map<String, String> withSession(Map<String, String> owner, String id) {
        Map<String, String> labels = new HashMap<>(owner);
        labels.putAll(Map.of(SessionLabels.KIND, "session", SessionLabels.SESSION, id, SessionLabels.DETACHED,
                "false", SessionLabels.EXPIRES, FAR));
        return labels;
    }
}
