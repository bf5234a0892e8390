package dev.ironbox.kubernetes.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputSpoolTest {

    @Test
    void theInputIsKeptWholeWithItsLength() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try (InputSpool spool = InputSpool.of(input("hello"), 5, "exec in pod p")) {
            assertThat(spool.length()).isEqualTo(5);
            spool.sendTo(sent);
        }
        assertThat(sent.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void moreThanThePodCanStoreIsRefusedBeforeTheExec() {
        assertThatThrownBy(() -> InputSpool.of(input("hello!"), 5, "exec in pod p"))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("the input of exec in pod p is larger than the pod can store (5 bytes of ephemeral storage)");
    }

    @Test
    void anUnreadableInputIsAContainerFailure() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        assertThatThrownBy(() -> InputSpool.of(broken, 5, "exec in pod p"))
                .isInstanceOf(ContainerFailureException.class).hasMessage("cannot read the input of exec in pod p")
                .hasRootCauseMessage("disk gone");
    }

    private static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
