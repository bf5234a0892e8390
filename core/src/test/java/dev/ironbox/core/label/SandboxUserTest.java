package dev.ironbox.core.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SandboxUserTest {

    @Test
    void aCallerOtherThanRootIsTheSandboxUserItself() {
        SandboxUser user = SandboxUser.choose(Optional.of(new int[] {1001, 1002}));

        assertThat(user.spec()).isEqualTo("1001:1002");
        assertThat(user.isCaller()).isTrue();
    }

    @Test
    void rootGetsTheDedicatedIdNeverZero() {
        SandboxUser user = SandboxUser.choose(Optional.of(new int[] {0, 0}));

        assertThat(user.spec()).isEqualTo("65533:65533");
        assertThat(user.isCaller()).isFalse();
        assertThat(SandboxUser.choose(Optional.empty()).spec()).as("unknown caller").isEqualTo("65533:65533");
        assertThat(SandboxUser.choose(Optional.of(new int[] {1001, 0})).spec())
                .as("a caller whose group is root's gets no group 0").isEqualTo("1001:65533");
    }

    @Test
    void theEffectiveIdsAreReadFromProcStatus() {
        List<String> status = List.of("Name:\tjava", "Umask:\t0022", "Uid:\t1000\t1001\t1001\t1001",
                "Gid:\t2000\t2001\t2001\t2001", "Groups:\t27 2001");

        assertThat(SandboxUser.parseStatus(status)).hasValueSatisfying(ids -> assertThat(ids).containsExactly(1001, 2001));
        assertThat(SandboxUser.parseStatus(List.of("Name:\tjava"))).isEmpty();
    }

    @Test
    void thisProcessGetsWhatItsOwnIdsSay() throws Exception {
        Optional<int[]> ids = SandboxUser.callerIds(Path.of("/proc/self/status"));
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");

        assertThat(ids).hasValueSatisfying(own -> assertThat(own[0]).isEqualTo(uid));
        assertThat(SandboxUser.current().uid()).isEqualTo(uid == 0 ? SandboxUser.DEDICATED_ID : uid);
        assertThat(SandboxUser.callerIds(Path.of("/no/such/status"))).isEmpty();
    }
}
