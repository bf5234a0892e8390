package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Info;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DockerEngineTest {

    @Test
    void apiVersionsCompareNumerically() {
        assertThat(DockerEngine.compareVersions("1.41", DockerEngine.MIN_API)).isZero();
        assertThat(DockerEngine.compareVersions("1.43", "1.41")).isPositive();
        assertThat(DockerEngine.compareVersions("1.9", "1.41")).isNegative();
        assertThat(DockerEngine.compareVersions("2.0", "1.41")).isPositive();
        assertThat(DockerEngine.compareVersions("1.41-beta", "1.41")).isZero();
    }

    @Test
    void theCapacityIsInfosCpusAndMemoryAndUnknownWhenAbsent() {
        assertThat(DockerEngine.capacity(new Info().withNCPU(2).withMemTotal(25_276_157_952L)).cpus())
                .isEqualTo(OptionalInt.of(2));
        assertThat(DockerEngine.capacity(new Info().withNCPU(2).withMemTotal(25_276_157_952L)).memoryBytes())
                .isEqualTo(OptionalLong.of(25_276_157_952L));
        assertThat(DockerEngine.capacity(new Info()).cpus()).isEmpty();
        assertThat(DockerEngine.capacity(new Info().withNCPU(0)).cpus()).isEmpty();
    }
}
