package dev.ironbox.kubernetes.pod;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which spec labels a label selector can find (the others are found by their annotation). */
class PodListingTest {

    @Test
    void labelSyntaxDecidesBetweenSelectorAndAnnotation() {
        assertThat(PodListing.validLabel("dev.ironbox.managed", "true")).isTrue();
        assertThat(PodListing.validLabel("example.com/owner", "")).isTrue();
        assertThat(PodListing.validLabel("dev.ironbox.workspace", "/home/me/project")).isFalse();
        assertThat(PodListing.validLabel("dev.ironbox.session", "x".repeat(64))).isFalse();
        assertThat(PodListing.validLabel("Example.com/owner", "a")).isFalse();
        assertThat(PodListing.validLabel("owner", "-a")).isFalse();
    }
}
