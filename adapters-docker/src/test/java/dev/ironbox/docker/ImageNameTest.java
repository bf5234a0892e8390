package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageNameTest {

    @Test
    void defaultsToLatest() {
        assertThat(ImageName.parse("busybox")).isEqualTo(new ImageName("busybox", "latest", false));
    }

    @Test
    void splitsTheTag() {
        assertThat(ImageName.parse("localhost/ironbox/busybox:1"))
                .isEqualTo(new ImageName("localhost/ironbox/busybox", "1", false));
    }

    @Test
    void aRegistryPortIsNotATag() {
        assertThat(ImageName.parse("localhost:5000/tool")).isEqualTo(new ImageName("localhost:5000/tool", "latest", false));
        assertThat(ImageName.parse("localhost:5000/tool:2.1"))
                .isEqualTo(new ImageName("localhost:5000/tool", "2.1", false));
    }

    @Test
    void keepsADigest() {
        ImageName name = ImageName.parse("localhost:5000/tool@sha256:abc");
        assertThat(name).isEqualTo(new ImageName("localhost:5000/tool", "sha256:abc", true));
        assertThat(name.reference()).isEqualTo("localhost:5000/tool@sha256:abc");
    }

    @Test
    void familiarFormDropsDockerHub() {
        assertThat(ImageName.parse("docker.io/library/alpine:3").familiar()).isEqualTo("alpine:3");
        assertThat(ImageName.parse("docker.io/acme/tool").familiar()).isEqualTo("acme/tool:latest");
        assertThat(ImageName.parse("localhost/ironbox/busybox:1").familiar()).isEqualTo("localhost/ironbox/busybox:1");
    }
}
