package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.StartFailure;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Podman 4.3's answers to {@code POST /containers/{id}/start}, verbatim from the engine on the test host. */
class PodmanStartFailuresTest {

    private static final String RUNC = "runc: runc create failed: unable to start container process: ";

    @Test
    void libpodsOwnCausesGiveTheType() {
        assertThat(PodmanStartFailures.classify(new LibpodException(500, RUNC + "exec: \"nope-cmd\": executable file "
                + "not found in $PATH: OCI runtime attempted to invoke a command that was not found",
                "OCI runtime attempted to invoke a command that was not found")))
                .isEqualTo(StartFailure.COMMAND_NOT_FOUND);
        assertThat(PodmanStartFailures.classify(new LibpodException(500, RUNC + "exec: \"/etc/passwd\": permission "
                + "denied: OCI permission denied", "OCI permission denied"))).isEqualTo(StartFailure.NOT_EXECUTABLE);
    }

    @Test
    void anyOtherCauseOrNoAnswerIsOtherWhateverTheMessageSays() {
        assertThat(PodmanStartFailures.classify(new LibpodException(500, RUNC + "error during container init: error "
                + "mounting \"/etc/hostname\" to rootfs at \"/etc\": not a directory: OCI runtime error",
                "OCI runtime error"))).isEqualTo(StartFailure.OTHER);
        assertThat(PodmanStartFailures.classify(new LibpodException(500,
                "exec: \"x\": executable file not found in $PATH", ""))).isEqualTo(StartFailure.OTHER);
        assertThat(PodmanStartFailures.classify(new LibpodException("start: no answer",
                new IOException("Connection refused")))).isEqualTo(StartFailure.OTHER);
        assertThat(PodmanStartFailures.classify(new IllegalStateException("OCI permission denied")))
                .isEqualTo(StartFailure.OTHER);
    }

    @Test
    void libpodsCausesOnASetUpFailureAreTheEnginesNotTheCommands() {
        // libpod gives these causes to any runtime message with the words: a missing bind-mount source, an EPERM
        assertThat(PodmanStartFailures.classify(new LibpodException(500, RUNC + "error during container init: error "
                + "mounting \"/tmp/gone\" to rootfs at \"/workspace\": stat /tmp/gone: no such file or directory: "
                + "OCI runtime attempted to invoke a command that was not found",
                "OCI runtime attempted to invoke a command that was not found"))).isEqualTo(StartFailure.OTHER);
        assertThat(PodmanStartFailures.classify(new LibpodException(500, RUNC + "error during container init: error "
                + "setting cgroup config for procHooks process: open /sys/fs/cgroup/pids/x/pids.max: permission "
                + "denied: OCI permission denied", "OCI permission denied"))).isEqualTo(StartFailure.OTHER);
    }

    @Test
    void crunsWordsForAFailedExecCountToo() {
        assertThat(PodmanStartFailures.classify(new LibpodException(500, "crun: executable file `nope-cmd` not found "
                + "in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found",
                "OCI runtime attempted to invoke a command that was not found")))
                .isEqualTo(StartFailure.COMMAND_NOT_FOUND);
        assertThat(PodmanStartFailures.classify(new LibpodException(500, "crun: open executable: Permission denied: "
                + "OCI permission denied", "OCI permission denied"))).isEqualTo(StartFailure.NOT_EXECUTABLE);
    }
}
