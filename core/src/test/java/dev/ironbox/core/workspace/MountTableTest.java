package dev.ironbox.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {

    private static final List<String> MOUNTINFO = List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "40 22 0:35 / /work/ws/sub rw,relatime shared:5 - tmpfs tmpfs rw",
            "41 22 0:36 / /work/ws\\040two/inner rw,relatime - tmpfs tmpfs rw",
            "42 22 0:37 / /work/wsx rw,relatime - tmpfs tmpfs rw",
            "43 22 0:38 / /work/ws rw,relatime - tmpfs tmpfs rw");

    @Test
    void findsMountsStrictlyBelowADirectoryOnly() {
        assertThat(MountTable.below(Path.of("/work/ws"), MOUNTINFO)).containsExactly(Path.of("/work/ws/sub"));
        assertThat(MountTable.below(Path.of("/work/other"), MOUNTINFO)).isEmpty();
    }

    @Test
    void unescapesSpacesInMountPoints() {
        assertThat(MountTable.below(Path.of("/work/ws two"), MOUNTINFO)).containsExactly(Path.of("/work/ws two/inner"));
    }

    @Test
    void readsThisProcesssTable() {
        assertThat(MountTable.mountPointsBelow(Path.of("/"))).isNotEmpty();
    }
}
