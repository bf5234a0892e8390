package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PodmanRuntimeProviderTest {

    @Test
    void isFoundByServiceLoaderWithItsIdAndPriority() {
        assertThat(ServiceLoader.load(ContainerRuntimeProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(provider -> {
                    assertThat(provider).isInstanceOf(PodmanRuntimeProvider.class);
                    assertThat(provider.id()).isEqualTo("podman");
                    assertThat(provider.priority()).isEqualTo(90);
                });
    }
}
