package dev.ironbox.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ExecPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receiver that dies in any way (an Error too) must not leave the engine's output thread blocked. */
class CopyOutTest {

    @TempDir Path temp;

    @Test
    void aReceiverDyingWithAnErrorNeitherHangsTheCopyNorLeavesItsStagingBehind() throws Exception {
        Path destination = Files.createDirectory(temp.resolve("destination"));
        FloodingExec exec = new FloodingExec();
        CopyOut copy = new CopyOut(exec, new ContainerId("c"), Duration.ofMinutes(1),
                (staging, topName, maxBytes, archive) -> {
                    archive.read();
                    throw new OutOfMemoryError("simulated");
                });

        // A guard against the hang this is about, not a speed target.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> copy.copy(new String[] {"/x", "top"}, destination, 1 << 20))
                        .isInstanceOf(OutOfMemoryError.class).hasMessage("simulated"));

        assertThat(exec.commands).anySatisfy(command -> assertThat(command).contains("ironbox-exec-killer"));
        try (Stream<Path> left = Files.list(destination)) {
            assertThat(left).as("staging directory").isEmpty();
        }
    }

    /** A tar that sends far more than the pipe holds, on the calling thread as engine adapters may. */
    private static final class FloodingExec implements ExecPort {
        final List<List<String>> commands = new ArrayList<>();

        @Override
        public synchronized OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink,
                Duration timeout) {
            commands.add(spec.command());
            if (spec.command().contains("ironbox-exec-killer")) {
                return OptionalInt.of(0);
            }
            for (int i = 0; i < 1000; i++) {
                sink.accept(new OutputChunk(StreamType.STDOUT, new byte[1000]));
            }
            return OptionalInt.of(0);
        }
    }
}
