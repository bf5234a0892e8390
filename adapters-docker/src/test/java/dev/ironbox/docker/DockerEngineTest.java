package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

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
}
