package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import dev.ironbox.core.error.StartFailure;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Docker 20.10's answers to a start, verbatim from the engine on this project's test host. */
class DockerStartFailuresTest {

    private static final String PREFIX =
            "failed to create shim task: OCI runtime create failed: runc create failed: unable to start container "
                    + "process: ";

    private static BadRequestException status400(String message) {
        String json = message.replace("\\", "\\\\").replace("\"", "\\\"");
        return new BadRequestException("{\"message\":\"" + json + "\"}\n");
    }

    @Test
    void aCommandRuncCannotFindIsNotFound() {
        assertThat(DockerStartFailures.classify(status400(
                PREFIX + "exec: \"nope-cmd\": executable file not found in $PATH: unknown")))
                .isEqualTo(StartFailure.COMMAND_NOT_FOUND);
        assertThat(DockerStartFailures.classify(status400(PREFIX + "exec: \"/no/such\": no such file or directory: "
                + "unknown"))).isEqualTo(StartFailure.COMMAND_NOT_FOUND);
        // runc 1.0's older wording
        assertThat(DockerStartFailures.classify(status400("OCI runtime create failed: container_linux.go:380: "
                + "starting container process caused: exec: \"x\": executable file not found in $PATH: unknown")))
                .isEqualTo(StartFailure.COMMAND_NOT_FOUND);
    }

    @Test
    void aCommandRuncCannotExecuteIsNotExecutable() {
        assertThat(DockerStartFailures.classify(status400(PREFIX + "exec: \"/etc/passwd\": permission denied: unknown")))
                .isEqualTo(StartFailure.NOT_EXECUTABLE);
        assertThat(DockerStartFailures.classify(status400(PREFIX + "exec: \"a \\\"quoted\\\" name\": permission "
                + "denied: unknown"))).isEqualTo(StartFailure.NOT_EXECUTABLE);
    }

    @Test
    void aMountFailureOrAnEngineErrorIsOther() {
        assertThat(DockerStartFailures.classify(status400(PREFIX + "error during container init: error mounting "
                + "\"/etc/hostname\" to rootfs at \"/etc\": mount /etc/hostname:/etc (via /proc/self/fd/6), flags: "
                + "0x5000: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? "
                + "Check if the specified host path exists and is the expected type"))).isEqualTo(StartFailure.OTHER);
        assertThat(DockerStartFailures.classify(status400(PREFIX + "error mounting \"/x\": no such file or directory")))
                .isEqualTo(StartFailure.OTHER);
        // the same words in a 500 are the engine's own failure, not the command's
        assertThat(DockerStartFailures.classify(new InternalServerErrorException("{\"message\":\"exec: \\\"x\\\": "
                + "executable file not found in $PATH\"}"))).isEqualTo(StartFailure.OTHER);
        assertThat(DockerStartFailures.classify(new RuntimeException(new IOException("Connection refused"))))
                .isEqualTo(StartFailure.OTHER);
    }
}
