package dev.ironbox.kubernetes.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.image.ImageProvisioner;
import dev.ironbox.core.model.SandboxSettings;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterImagesTest {

    private final ClusterImages images = new ClusterImages(null);

    @Test
    void everyImageExistsAndAPullIsTheCluster() throws Exception {
        assertThat(images.exists("registry.example/any:1")).isTrue();
        images.pull("registry.example/any:1", Duration.ofSeconds(1));
    }

    @Test
    void buildingListingAndRemovingAreRefusedWithOneLine() {
        String line = "image build and host-tools images are not available on Kubernetes: images come from the "
                + "cluster's registries (push the image, or load it into kind/k3s/minikube)";
        assertThatThrownBy(() -> images.importRootfs("x", new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(ImageUnavailableException.class).hasMessage(line);
        assertThatThrownBy(() -> images.importRootfs("x", new ByteArrayInputStream(new byte[0]),
                Map.of("dev.ironbox.host-tools", "1"))).isInstanceOf(ImageUnavailableException.class).hasMessage(line);
        assertThatThrownBy(images::list).isInstanceOf(ImageUnavailableException.class).hasMessage(line);
        assertThatThrownBy(() -> images.remove("x")).isInstanceOf(ImageUnavailableException.class).hasMessage(line);
        assertThatThrownBy(() -> images.inspect("x")).isInstanceOf(ImageUnavailableException.class).hasMessage(line);
    }

    /** Core's provisioner neither pulls nor builds the default busybox image here, and gives it no binds. */
    @Test
    void theDefaultImageIsNotBuiltLocally() throws Exception {
        ImageProvisioner provisioner = new ImageProvisioner(images, SandboxSettings.builder().build());

        assertThat(provisioner.ensureWithBinds(SandboxSettings.DEFAULT_IMAGE)).isEmpty();
    }
}
