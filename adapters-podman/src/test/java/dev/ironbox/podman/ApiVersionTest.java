package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiVersionTest {

    @Test
    void comparesPartByPartNumerically() {
        assertThat(ApiVersion.compare("4.3.1", "4.0.0")).isPositive();
        assertThat(ApiVersion.compare("4.10.0", "4.9.3")).isPositive();
        assertThat(ApiVersion.compare("4.0", "4.0.0")).isZero();
        assertThat(ApiVersion.compare("3.4.4", "4.0.0")).isNegative();
        assertThat(ApiVersion.compare("5.0.0-dev", "5.0.0")).isZero();
        assertThat(ApiVersion.compare("v4.1.0", "4.1")).isZero();
    }

    @Test
    void podman4AndLaterAreSupported() {
        assertThat(ApiVersion.isSupported("4.0.0")).isTrue();
        assertThat(ApiVersion.isSupported("4.3.1")).isTrue();
        assertThat(ApiVersion.isSupported("5.2.0")).isTrue();
        assertThat(ApiVersion.isSupported("3.4.7")).isFalse();
        assertThat(ApiVersion.isSupported("1.41")).isFalse();
    }
}
