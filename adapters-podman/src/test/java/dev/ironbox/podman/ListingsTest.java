package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.ImageSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Listings as Podman 4.3.1 answers them (trimmed copies of real answers), read into Ironbox's summaries. */
class ListingsTest {

    @Test
    void aListedContainerIsDescribed() throws Exception {
        String json = "[{\"AutoRemove\":false,\"Command\":[\"sleep\",\"30\"],"
                + "\"Created\":\"2026-11-28T07:00:02.771414147Z\","
                + "\"Exited\":false,\"Id\":\"3a74\",\"Image\":\"localhost/ironbox/busybox:1\",\"IsInfra\":false,"
                + "\"Labels\":{\"pmexp2\":\"1\"},\"Names\":[\"pmexp2-keep\"],\"Pod\":\"\",\"State\":\"running\"},"
                + "{\"Command\":null,\"Created\":\"2026-11-28T07:00:02Z\",\"Id\":\"b\",\"Image\":\"i\",\"Labels\":null,"
                + "\"Names\":[\"/slashed\"],\"State\":\"exited\"}]";
        Libpod.Listed[] listed = LibpodClient.JSON.readValue(json, Libpod.Listed[].class);
        assertThat(PodmanLifecycle.summary(listed[0])).isEqualTo(new ContainerSummary(new ContainerId("3a74"),
                "pmexp2-keep", "localhost/ironbox/busybox:1", List.of("sleep", "30"),
                Instant.parse("2026-11-28T07:00:02.771414147Z"), true, Map.of("pmexp2", "1")));
        ContainerSummary exited = PodmanLifecycle.summary(listed[1]);
        assertThat(exited.name()).isEqualTo("slashed");
        assertThat(exited.running()).isFalse();
        assertThat(exited.command()).isEmpty();
        assertThat(exited.labels()).isEmpty();
    }

    @Test
    void aListedImageHasEpochSecondsAndAnInspectedOneAnRfc3339Time() throws Exception {
        Libpod.Image listed = LibpodClient.JSON.readValue("{\"Id\":\"0c82ae\","
                + "\"RepoTags\":[\"localhost/ironbox/busybox:1\"],"
                + "\"Created\":1795842678,\"Size\":2129991,\"Labels\":null}", Libpod.Image.class);
        assertThat(PodmanImages.summary(listed)).isEqualTo(new ImageSummary("sha256:0c82ae",
                List.of("localhost/ironbox/busybox:1"), Instant.ofEpochSecond(1795842678), 2129991, Map.of()));
        Libpod.Image inspected = LibpodClient.JSON.readValue("{\"Id\":\"94b5\",\"RepoTags\":[],"
                + "\"Created\":\"2026-11-28T07:00:23.942855284Z\",\"Size\":11385,"
                + "\"Labels\":{\"dev.ironbox.host-tools\":\"true\"}}", Libpod.Image.class);
        ImageSummary summary = PodmanImages.summary(inspected);
        assertThat(summary.created()).isEqualTo(Instant.parse("2026-11-28T07:00:23.942855284Z"));
        assertThat(summary.tags()).isEmpty();
        assertThat(summary.labels()).containsEntry("dev.ironbox.host-tools", "true");
    }

    @Test
    void anUntaggedImageHasNoTags() throws Exception {
        Libpod.Image untagged = LibpodClient.JSON.readValue("{\"Id\":\"sha256:ab\",\"RepoTags\":[\"<none>:<none>\"],"
                + "\"Created\":1,\"Size\":1}", Libpod.Image.class);
        assertThat(PodmanImages.summary(untagged).tags()).isEmpty();
        assertThat(PodmanImages.summary(untagged).id()).isEqualTo("sha256:ab");
    }

    @Test
    void timesTheEngineDidNotSendAreTheEpoch() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        assertThat(Times.instant(null)).isEqualTo(Instant.EPOCH);
        assertThat(Times.instant(json.nullNode())).isEqualTo(Instant.EPOCH);
        assertThat(Times.instant(json.textNode("not a time"))).isEqualTo(Instant.EPOCH);
        assertThat(Times.instant(json.textNode("2026-11-28T08:00:00+01:00")))
                .isEqualTo(Instant.parse("2026-11-28T07:00:00Z"));
        assertThat(Times.instant(json.textNode("1795842678"))).isEqualTo(Instant.ofEpochSecond(1795842678));
    }
}
