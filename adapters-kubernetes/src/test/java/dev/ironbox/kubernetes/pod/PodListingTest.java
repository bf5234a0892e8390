package dev.ironbox.kubernetes.pod;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which spec labels a label selector can find (the others are found by their annotation). */
class PodListingTest {

    @Test
    void labelSyntaxDecidesBetweenSelectorAndAnnotation() {
        assertThat(PodLabels.isLabel("dev.ironbox.managed", "true")).isTrue();
        assertThat(PodLabels.isLabel("example.com/owner", "")).isTrue();
        assertThat(PodLabels.isLabel("dev.ironbox.workspace", "/home/me/project")).isFalse();
        assertThat(PodLabels.isLabel("dev.ironbox.session", "x".repeat(64))).isFalse();
        assertThat(PodLabels.isLabel("Example.com/owner", "a")).isFalse();
        assertThat(PodLabels.isLabel("owner", "-a")).isFalse();
    }
}
