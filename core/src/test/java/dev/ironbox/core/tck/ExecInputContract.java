package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeding standard input to an exec ({@code ExecPort.exec} with a stream): every byte arrives, then end-of-file.
 * Part of the runtime contract; {@link ContainerRuntimeContract} extends it, an adapter's IT extends that.
 */
public abstract class ExecInputContract extends RuntimeInventoryContract {

    @Test
    void anExecGetsExactlyTheBytesFedToItsStandardInputThenEndOfFile() throws Exception {
        byte[] input = new byte[(5 << 20) + 7]; // over 4 MiB, every byte value, not a multiple of any buffer
        new Random(42).nextBytes(input);
        ContainerId id = runtime().containers().create(sleeperSpec().build());
        try {
            runtime().lifecycle().start(id);
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            OptionalInt cat = runtime().exec().exec(id, ExecSpec.builder().addCommand("cat").workingDir("/").build(),
                    new ByteArrayInputStream(input), chunk -> collect(chunk, stdout, stderr), Duration.ofSeconds(60));
            assertThat(cat).as("cat ended (saw end of input); stderr: %s", stderr).hasValue(0);
            assertThat(stdout.size()).isEqualTo(input.length);
            assertThat(stdout.toByteArray()).isEqualTo(input);

            stdout.reset();
            OptionalInt wc = runtime().exec().exec(id, wordCount(),
                    new ByteArrayInputStream("twelve bytes".getBytes(StandardCharsets.UTF_8)),
                    chunk -> collect(chunk, stdout, stderr), Duration.ofSeconds(20));
            assertThat(wc).hasValue(0);
            assertThat(stdout.toString(StandardCharsets.UTF_8).strip()).isEqualTo("12");

            // a command that stops reading early (tar -x failing on a bad archive) still ends, with its own status
            stdout.reset();
            OptionalInt head = runtime().exec().exec(id,
                    ExecSpec.builder().addCommand("sh", "-c", "head -c 3; exit 4").workingDir("/").build(),
                    new ByteArrayInputStream(input), chunk -> collect(chunk, stdout, stderr), Duration.ofSeconds(20));
            assertThat(head).hasValue(4);
            assertThat(stdout.toByteArray()).isEqualTo(Arrays.copyOf(input, 3));
        } finally {
            runtime().lifecycle().remove(id);
        }
    }

    @Test
    void anExecWithoutInputSeesAnEmptyStandardInput() throws Exception {
        ContainerId id = runtime().containers().create(sleeperSpec().build());
        try {
            runtime().lifecycle().start(id);
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            OptionalInt wc = runtime().exec().exec(id, wordCount(),
                    chunk -> collect(chunk, stdout, stdout), Duration.ofSeconds(20));
            assertThat(wc).as("wc ended; output: %s", stdout).hasValue(0);
            assertThat(stdout.toString(StandardCharsets.UTF_8).strip()).isEqualTo("0");
        } finally {
            runtime().lifecycle().remove(id);
        }
    }

    @Test
    void anExecWithInputIntoAContainerThatIsNotRunningFailsClearly() {
        ContainerId id = runtime().containers().create(sleeperSpec().build());
        try {
            assertThatThrownBy(() -> runtime().exec().exec(id, ExecSpec.builder().addCommand("cat").build(),
                    new ByteArrayInputStream(new byte[] {1}), chunk -> {}, Duration.ofSeconds(20)))
                    .isInstanceOf(ContainerFailureException.class).hasMessageContaining(id.value());
        } finally {
            runtime().lifecycle().remove(id);
        }
    }

    private static ExecSpec wordCount() {
        return ExecSpec.builder().addCommand("wc", "-c").workingDir("/").build();
    }

    private static void collect(OutputChunk chunk, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr) {
        try {
            chunk.writeTo(chunk.stream() == StreamType.STDERR ? stderr : stdout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
