package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeRegistryTest {

    @Test
    void providersAreInAutosOrderAndNothingConnects() {
        StubProvider low = StubProvider.working("zeta", 1);
        StubProvider high = StubProvider.working("beta", 50);
        StubProvider tie = StubProvider.working("alpha", 50);

        RuntimeRegistry registry = new RuntimeRegistry(List.of(low, high, tie));

        assertThat(registry.ids()).containsExactly("alpha", "beta", "zeta");
        assertThat(registry.selectableIds()).containsExactly("auto", "alpha", "beta", "zeta");
        assertThat(registry.find("beta")).containsSame(high);
        assertThat(registry.find("gamma")).isEmpty();
        assertThat(low.events).isEmpty();
    }

    @Test
    void twoProvidersWithOneIdAreReportedNamingBothClasses() {
        assertThatThrownBy(() -> new RuntimeRegistry(List.of(StubProvider.working("docker", 1),
                        new OtherDocker())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("two runtime providers have the id 'docker': dev.ironbox.app.StubProvider (from ")
                .hasMessageContaining(" and dev.ironbox.app.RuntimeRegistryTest$OtherDocker (from ")
                .hasMessageEndingWith("; remove one of them from the classpath");
    }

    @Test
    void idsAreLowercaseLettersDigitsAndDashesAndNotAuto() {
        for (String bad : new String[] {"Docker", "my_runtime", "", "-x", "auto", "a b"}) {
            assertThatThrownBy(() -> new RuntimeRegistry(List.of(StubProvider.working(bad, 1))))
                    .as(bad).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("has the id '" + bad + "'");
        }
        assertThat(new RuntimeRegistry(List.of(StubProvider.working("my-runtime2", 1))).ids())
                .containsExactly("my-runtime2");
    }

    @Test
    void anUnknownIdNamesTheKnownOnesAndItsSource() {
        RuntimeRegistry registry = new RuntimeRegistry(List.of(StubProvider.working("docker", 100),
                StubProvider.working("podman", 90)));

        assertThatThrownBy(() -> registry.requireSelectable("x", Optional.empty()))
                .hasMessage("unknown runtime 'x'; known runtimes: auto, docker, podman");
        assertThatThrownBy(() -> registry.requireSelectable("x", Optional.of("IRONBOX_RUNTIME")))
                .hasMessage("unknown runtime 'x'; known runtimes: auto, docker, podman (set by IRONBOX_RUNTIME)");
        registry.requireSelectable("auto", Optional.empty());
    }

    @Test
    void theServiceLoaderFindsTheInstalledProvidersWithoutNamingThem() {
        RuntimeRegistry registry = RuntimeRegistry.fromServiceLoader();

        assertThat(registry.ids()).contains("docker", "fixture");
        assertThat(registry.ids().indexOf("docker")).isLessThan(registry.ids().indexOf("fixture"));
    }

    /** A second provider claiming Docker's id. */
    static final class OtherDocker extends ForwardingProvider {
        OtherDocker() {
            super(StubProvider.working("docker", 5));
        }
    }
}
