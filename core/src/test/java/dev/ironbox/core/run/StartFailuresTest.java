package dev.ironbox.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.StartFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartFailuresTest {

    @Test
    void theTypeAloneGivesTheShellsExitCode() {
        assertThat(StartFailures.exitCodeFor(StartFailure.COMMAND_NOT_FOUND)).hasValue(127);
        assertThat(StartFailures.exitCodeFor(StartFailure.NOT_EXECUTABLE)).hasValue(126);
        assertThat(StartFailures.exitCodeFor(StartFailure.OTHER)).isEmpty();
    }

    @Test
    void aFailureWithoutATypeIsOtherWhateverItsMessageSays() {
        ContainerFailureException e = new ContainerFailureException(
                "exec: \"nope\": executable file not found in $PATH: unknown");
        assertThat(e.startFailure()).isEqualTo(StartFailure.OTHER);
        assertThat(StartFailures.exitCodeFor(e.startFailure())).isEmpty();
    }

    @Test
    void aHostCommandThatCannotBeExecutedIs126AndAMissingOne127(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "not a program");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectory(dir.resolve("sub"));
        assertThat(StartFailures.forHostCommand("./plain", dir)).isEqualTo(126);
        assertThat(StartFailures.forHostCommand(plain.toString(), dir)).isEqualTo(126);
        assertThat(StartFailures.forHostCommand("./sub", dir)).isEqualTo(126);
        assertThat(StartFailures.forHostCommand("./missing", dir)).isEqualTo(127);
        assertThat(StartFailures.forHostCommand("ironbox-no-such-command", dir)).isEqualTo(127);
    }
}
