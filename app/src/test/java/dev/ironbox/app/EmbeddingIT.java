package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Java entry point against the real engine. */
class EmbeddingIT {

    private static final Path WORKSPACE = Path.of("target", "embedding-it-workspace").toAbsolutePath();

    @AfterEach
    void leavesNoContainer() {
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @Test
    void oneIronboxRunsManyCommandsWithItsDefaults() throws Exception {
        Files.createDirectories(WORKSPACE);
        try (Ironbox ironbox = Ironbox.builder()
                .runtime("docker")
                .policy(SandboxPolicy.WORKSPACE_WRITE)
                .workspace(WORKSPACE)
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(30)).build())
                .env("GREETING", "hi")
                .allowFullAccess(false)
                .build()) {
            RunResult first = ironbox.run("sh", "-c", "echo $GREETING; pwd; id -u");
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout()).isEqualTo("hi\n/workspace\n1000\n");
            assertThat(first.runtime()).isEqualTo("docker");
            assertThat(first.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);

            List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
            RunResult second = ironbox.run(List.of("sh", "-c", "echo oops >&2; exit 7"), chunks::add);
            assertThat(second.exitCode()).isEqualTo(7);
            assertThat(second.stderr()).isEqualTo("oops\n");
            assertThat(chunks).extracting(OutputChunk::stream).containsOnly(StreamType.STDERR);
            assertThat(chunks.stream().map(c -> new String(c.bytes(), StandardCharsets.UTF_8)))
                    .containsExactly("oops\n");
        }
    }

    @Test
    void aTimeoutIsAValue() throws Exception {
        Files.createDirectories(WORKSPACE);
        try (Ironbox ironbox = Ironbox.builder().workspace(WORKSPACE)
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(1)).build()).build()) {
            RunResult result = ironbox.run("sleep", "30");
            assertThat(result.timedOut()).isTrue();
            assertThat(result.duration()).isLessThan(Duration.ofSeconds(15));
        }
    }
}
