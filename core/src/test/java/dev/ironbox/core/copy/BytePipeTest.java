package dev.ironbox.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pipe never leaves a writer blocked once its reader is gone. Timeouts here only guard against a hang. */
class BytePipeTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Test
    void aWriterBlockedOnAFullPipeIsReleasedWhenTheReaderCloses() throws Exception {
        BytePipe pipe = new BytePipe();
        Thread reader = new Thread(() -> {
            try {
                pipe.source().read(new byte[1]);
                Thread.sleep(200); // the writer fills the pipe meanwhile, then blocks
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                pipe.closeReader();
            }
        });
        reader.start();

        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> {
            while (true) {
                pipe.sink().write(new byte[1000]);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("closed by its reader"));
        reader.join();
    }

    @Test
    void closingTheWriterDoesNotBlockOnAFullPipeAndTheReaderStillGetsEverything() throws Exception {
        BytePipe pipe = new BytePipe();
        int chunks = 64; // exactly full: no room left for the end marker
        for (int i = 0; i < chunks; i++) {
            pipe.sink().write(new byte[] {(byte) i});
        }

        assertTimeoutPreemptively(HANG_GUARD, () -> pipe.sink().close());

        byte[] all = assertTimeoutPreemptively(HANG_GUARD, () -> pipe.source().readAllBytes());
        assertThat(all).hasSize(chunks);
        assertThat(all[chunks - 1]).isEqualTo((byte) (chunks - 1));
    }

    @Test
    void writesAfterEitherSideClosedFail() throws Exception {
        BytePipe pipe = new BytePipe();
        pipe.closeReader();
        assertThatThrownBy(() -> pipe.sink().write(1)).isInstanceOf(IOException.class);

        BytePipe other = new BytePipe();
        other.closeWriter();
        assertThatThrownBy(() -> other.sink().write(1)).isInstanceOf(IOException.class);
        assertThat(other.source().read()).isEqualTo(-1);
    }
}
