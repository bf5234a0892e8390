package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DockerDescriptionsTest {

    @Test
    void containerNamesLoseTheirLeadingSlash() {
        assertThat(DockerContainerDescriptions.name("/ironbox-1")).isEqualTo("ironbox-1");
        assertThat(DockerContainerDescriptions.name("plain")).isEqualTo("plain");
        assertThat(DockerContainerDescriptions.name(null)).isEmpty();
    }

    @Test
    void creationTimesPreferTheInspectAndFallBackToTheList() {
        assertThat(DockerContainerDescriptions.created("2024-05-01T10:11:12.123456789Z", 5L))
                .isEqualTo(Instant.parse("2024-05-01T10:11:12.123456789Z"));
        assertThat(DockerContainerDescriptions.created("garbage", 1_700_000_000L))
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(DockerContainerDescriptions.created(null, null)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void untaggedImagesHaveNoTags() {
        assertThat(ImageSummaries.tags(Arrays.asList("<none>:<none>", "localhost/x:1", null)))
                .containsExactly("localhost/x:1");
        assertThat(ImageSummaries.created("2024-05-01T10:11:12Z")).isEqualTo(Instant.parse("2024-05-01T10:11:12Z"));
        assertThat(ImageSummaries.created("not a time")).isEqualTo(Instant.EPOCH);
    }
}
