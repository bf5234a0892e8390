package dev.ironbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.RuntimeSettings;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider as app sees it: found by ServiceLoader, chosen only by its id, taking the [kubernetes] table. */
class KubernetesRuntimeProviderTest {

    @Test
    void serviceLoaderFindsItAndAutoNeverTakesIt() {
        ContainerRuntimeProvider provider = ServiceLoader.load(ContainerRuntimeProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("kubernetes")).findFirst().orElseThrow();

        assertThat(provider).isInstanceOf(KubernetesRuntimeProvider.class);
        assertThat(provider.chosenByAuto()).isFalse();
        assertThat(provider.priority()).as("listed after docker (100) and podman (90)").isLessThan(90);
        assertThat(provider.settingNames()).containsExactlyInAnyOrder("context", "namespace", "runtime-class",
                "schedule-timeout", "image-pull-policy", "ephemeral-storage");
    }

    @Test
    void theBuildersOptionsAreTheTablesSettings() {
        RuntimeSettings settings = KubernetesOptions.builder().context("kind-ironbox").namespace("sandboxes")
                .runtimeClass("gvisor").scheduleTimeout(Duration.ofSeconds(90)).imagePullPolicy("Never")
                .ephemeralStorage(2L << 30).build().settings();

        assertThat(settings.values().keySet()).isEqualTo(KubernetesSettings.KEYS);
        assertThat(KubernetesSettings.parse(settings)).isEqualTo(new KubernetesSettings(Optional.of("kind-ironbox"),
                Optional.of("sandboxes"), Optional.of("gvisor"), Duration.ofSeconds(90), Optional.of("Never"),
                2L << 30));
    }
}
