package dev.ironbox.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.inventory.OwnerLiveness.Owner;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.OwnerPlace;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.testing.FakeRuntime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Owners a runtime keeps itself (Kubernetes' Leases): cleanup reaps the expired ones first and reports them, and the
 * runtime's {@code dev.ironbox.owner-lease} label decides liveness wherever it is present.
 */
class ExpiredOwnersTest {

    private static final OwnerPlace HERE = new OwnerPlace("0b1d2c3e-4f50-6172-8394-a5b6c7d8e9f0", "4026531836");

    private final FakeRuntime engine = new FakeRuntime();
    private final Inventory inventory = new Inventory(engine, HERE);

    /** Labels of a pod on a cluster: the owner's pid names a process on another machine (elsewhere). */
    private static Map<String, String> leased(String state) {
        Map<String, String> labels = new HashMap<>(OwnerLabels.forCurrentProcess("readonly"));
        labels.put(OwnerLabels.OWNER_BOOT, "ffffffff-0000-4000-8000-000000000001");
        labels.put(OwnerLabels.OWNER_LEASE, state);
        return labels;
    }

    @Test
    void theLeaseStateDecidesLivenessWhereverThePidWasRecorded() {
        assertThat(OwnerLiveness.owner(leased(OwnerLabels.LEASE_HELD), HERE)).isEqualTo(Owner.ALIVE);
        assertThat(OwnerLiveness.owner(leased(OwnerLabels.LEASE_EXPIRED), HERE)).isEqualTo(Owner.DEAD);
        assertThat(OwnerLiveness.owner(leased(OwnerLabels.LEASE_MISSING), HERE)).isEqualTo(Owner.DEAD);
        assertThat(OwnerLiveness.owner(leased("something-else"), HERE)).isEqualTo(Owner.UNKNOWN);
        Map<String, String> withoutLease = leased(OwnerLabels.LEASE_HELD);
        withoutLease.remove(OwnerLabels.OWNER_LEASE);
        assertThat(OwnerLiveness.owner(withoutLease, HERE)).as("recorded on another boot").isEqualTo(Owner.UNKNOWN);
    }

    @Test
    void anImageCannotSpeakForTheLeaseIronboxSetsTheLabelEmptyAndThePidDecides() {
        Map<String, String> live = new HashMap<>(OwnerLabels.forCurrentProcess("readonly"));
        assertThat(live).as("set by Ironbox, over any image LABEL").containsEntry(OwnerLabels.OWNER_LEASE, "");
        assertThat(OwnerLiveness.owner(live)).as("this very process").isEqualTo(Owner.ALIVE);

        Map<String, String> dead = new HashMap<>(live);
        dead.put(OwnerLabels.OWNER_PID, "999999999");
        assertThat(OwnerLiveness.owner(dead)).isEqualTo(Owner.DEAD);
    }

    @Test
    void cleanupReapsExpiredOwnersFirstReportsThemAndRemovesWhatExpiredOrMissingLeasesLeft() {
        engine.expiredOwners = List.of("lease ironbox-0123456789ab (expired 2 minutes ago): 1 pod");
        ContainerId held = engine.add(leased(OwnerLabels.LEASE_HELD), true);
        ContainerId expired = engine.add(leased(OwnerLabels.LEASE_EXPIRED), true);
        ContainerId missing = engine.add(leased(OwnerLabels.LEASE_MISSING), true);

        CleanupReport report = inventory.cleanup(false);

        assertThat(report.owners()).containsExactly("lease ironbox-0123456789ab (expired 2 minutes ago): 1 pod");
        assertThat(report.containers()).containsExactlyInAnyOrder(expired, missing);
        assertThat(report.failures()).isEmpty();
        assertThat(engine.alive).containsExactly(held);
    }

    @Test
    void aReaperThatFailsIsReportedAndTheRestOfTheCleanupGoesOn() {
        engine.reapFailure = new ContainerFailureException("leases is forbidden");
        ContainerId missing = engine.add(leased(OwnerLabels.LEASE_MISSING), true);

        CleanupReport report = inventory.cleanup(false);

        assertThat(report.owners()).isEmpty();
        assertThat(report.failures()).containsExactly("expired owners not removed: leases is forbidden");
        assertThat(report.containers()).containsExactly(missing);
    }
}
