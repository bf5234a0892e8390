package dev.ironbox.core.label;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.inventory.OwnerLiveness;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessStartTicksTest {

    @Test
    void theStartIsField22CountedPastACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 30 0 987654 1000 200";
        assertThat(ProcessStartTicks.parse(stat)).hasValue("987654");
        assertThat(ProcessStartTicks.parse("4242 (java) S 1")).isEmpty();
        assertThat(ProcessStartTicks.parse("garbage")).isEmpty();
    }

    @Test
    void thisProcessHasAStartAndItsLabelsCarryIt() {
        long self = ProcessHandle.current().pid();
        assertThat(ProcessStartTicks.of(self)).hasValueSatisfying(ticks -> assertThat(ticks).matches("\\d+"));
        assertThat(OwnerLabels.forCurrentProcess("readonly")).containsEntry(OwnerLabels.OWNER_START_TICKS,
                ProcessStartTicks.of(self).orElseThrow());
    }

    @Test
    void aLiveOwnerIsAliveWhateverItsWallClockStartSaysAndAnotherStartIsDead() {
        Map<String, String> labels = new HashMap<>(OwnerLabels.forCurrentProcess("readonly"));
        labels.put(OwnerLabels.OWNER_STARTED, "2001-01-01T00:00:00Z"); // a wall clock that moved
        assertThat(OwnerLiveness.owner(labels)).isEqualTo(OwnerLiveness.Owner.ALIVE);
        labels.put(OwnerLabels.OWNER_START_TICKS, "1"); // the pid reused by a later process
        assertThat(OwnerLiveness.owner(labels)).isEqualTo(OwnerLiveness.Owner.DEAD);
        labels.remove(OwnerLabels.OWNER_START_TICKS); // labels of an older Ironbox: the instant decides
        assertThat(OwnerLiveness.owner(labels)).isEqualTo(OwnerLiveness.Owner.DEAD);
    }
}
