package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.image.BusyboxRootfs;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.NetworkSummary;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The inventory part of the runtime contract: describing containers and networks by label, containers the engine
 * removes itself, and local images (inspect, list, labelled import, remove). {@link ContainerRuntimeContract}
 * inherits it; an adapter's IT extends that, never this directly. Every test labels what it makes with a fresh
 * value and removes it in {@code finally}, so tests running at the same time on one engine never see each other's.
 */
public abstract class RuntimeInventoryContract {

    /** A label no one else uses; each test gives it a fresh value. */
    protected static final String TCK_LABEL = "dev.ironbox.tck";

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;
    /** Engine and JVM share this host's clock, but list times are whole seconds: allow slack either way. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(60);

    /** The connected runtime under test. */
    protected abstract ContainerRuntime runtime();

    /**
     * A hardened spec of a container that runs {@code sleep 600} in the default image (which this makes sure
     * exists), with a fresh name and this process's owner labels.
     */
    protected abstract ContainerSpec.Builder sleeperSpec();

    // ---- containers ----

    @Test
    void describeByLabelDescribesCreatedAndRunningContainersCarryingTheLabel() throws Exception {
        String value = UUID.randomUUID().toString();
        ContainerSpec spec = sleeperSpec().putLabels(TCK_LABEL, value).build();
        ContainerSpec other = sleeperSpec().putLabels(TCK_LABEL, "other-" + value).build();
        Instant before = Instant.now();
        ContainerId id = runtime().containers().create(spec);
        ContainerId otherId = runtime().containers().create(other);
        try {
            ContainerSummary created = describeOne(value);
            assertThat(created.id()).isEqualTo(id);
            assertThat(created.name()).isEqualTo(spec.name());
            assertThat(created.image()).isEqualTo(IMAGE);
            assertThat(created.command()).containsExactly("sleep", "600");
            assertThat(created.labels()).containsAllEntriesOf(spec.labels());
            assertThat(created.running()).isFalse();
            assertThat(created.created()).isBetween(before.minus(CLOCK_SLACK), Instant.now().plus(CLOCK_SLACK));

            runtime().lifecycle().start(id);
            assertThat(describeOne(value).running()).isTrue();
            assertThat(runtime().lifecycle().describeByLabel(TCK_LABEL, "other-" + value))
                    .extracting(ContainerSummary::id).containsExactly(otherId);
        } finally {
            runtime().lifecycle().remove(id);
            runtime().lifecycle().remove(otherId);
        }
    }

    @Test
    void anAutoRemovedContainerIsGoneSoonAfterItExits() throws Exception {
        String value = UUID.randomUUID().toString();
        ContainerSpec spec = sleeperSpec().command(List.of("sleep", "1")).autoRemove(true)
                .putLabels(TCK_LABEL, value).build();
        ContainerId id = runtime().containers().create(spec);
        try {
            runtime().lifecycle().start(id);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!runtime().lifecycle().describeByLabel(TCK_LABEL, value).isEmpty()
                    && System.nanoTime() - deadline < 0) {
                Thread.sleep(100);
            }
            assertThat(runtime().lifecycle().describeByLabel(TCK_LABEL, value)).as("described").isEmpty();
            assertThat(runtime().lifecycle().listByLabel(TCK_LABEL, value)).as("listed").isEmpty();
        } finally {
            runtime().lifecycle().remove(id);
        }
    }

    // ---- networks ----

    @Test
    void describeByLabelDescribesNetworksCarryingTheLabel() {
        String value = UUID.randomUUID().toString();
        Map<String, String> labels = new HashMap<>(OwnerLabels.forCurrentProcess("readonly"));
        labels.put(TCK_LABEL, value);
        String name = "ironbox-tck-" + value;
        SandboxNetwork network = runtime().networks().createInternal(name, labels);
        try {
            List<NetworkSummary> described = runtime().networks().describeByLabel(TCK_LABEL, value);
            assertThat(described).hasSize(1);
            assertThat(described.get(0).id()).isEqualTo(network.id());
            assertThat(described.get(0).name()).isEqualTo(name);
            assertThat(described.get(0).labels()).containsAllEntriesOf(labels);
            assertThat(runtime().networks().describeByLabel(TCK_LABEL, "absent-" + value)).isEmpty();
        } finally {
            runtime().networks().remove(network.id());
        }
    }

    // ---- images ----

    @Test
    void theDefaultImageIsInspectedAndListedWithItsTag() {
        sleeperSpec(); // makes sure the default image exists
        Optional<ImageSummary> inspected = runtime().images().inspect(IMAGE);
        assertThat(inspected).hasValueSatisfying(image -> {
            assertThat(image.tags()).contains(IMAGE);
            assertThat(image.id()).isNotBlank();
            assertThat(image.sizeBytes()).isPositive();
        });
        assertThat(runtime().images().list()).filteredOn(image -> image.tags().contains(IMAGE))
                .extracting(ImageSummary::id).containsExactly(inspected.get().id());
    }

    @Test
    void anAbsentImageInspectsEmptyAndItsRemovalIsNotAnError() {
        String absent = "localhost/ironbox-tck/absent-" + UUID.randomUUID() + ":1";
        assertThat(runtime().images().inspect(absent)).isEmpty();
        runtime().images().remove(absent);
        assertThat(runtime().images().inspect(absent)).isEmpty();
    }

    @Test
    void anImportedImageCarriesItsLabelsUntilRemoved() {
        String value = UUID.randomUUID().toString();
        String image = "localhost/ironbox-tck/labelled-" + value + ":1";
        Instant before = Instant.now();
        // a value with quotes, spaces, '=' and a backslash: the label must survive the engine's syntax as given
        Map<String, String> labels = Map.of(TCK_LABEL, value, "dev.ironbox.tck.note", "say \"hi\" a=b \\ $HOME");
        try {
            runtime().images().importRootfs(image, new ByteArrayInputStream(BusyboxRootfs.buildTar()), labels);
            Optional<ImageSummary> inspected = runtime().images().inspect(image);
            assertThat(inspected).hasValueSatisfying(summary -> {
                assertThat(summary.tags()).contains(image);
                assertThat(summary.labels()).containsAllEntriesOf(labels);
                });
            assertThat(runtime().images().list()).filteredOn(summary -> summary.tags().contains(image))
                    .singleElement().satisfies(summary -> assertThat(summary.labels()).containsAllEntriesOf(labels));

            runtime().images().remove(image);
            assertThat(runtime().images().inspect(image)).isEmpty();
            assertThat(runtime().images().exists(image)).isFalse();
        } finally {
            runtime().images().remove(image);
        }
    }

    @Test
    void aPullOfAnImageNoRegistryHasFailsNamingIt() {
        String absent = "localhost/ironbox-tck/absent-" + UUID.randomUUID() + ":1";
        assertThatThrownBy(() -> runtime().images().pull(absent, Duration.ofSeconds(60)))
                .isInstanceOf(ImageUnavailableException.class).hasMessageContaining(absent);
        assertThat(runtime().images().inspect(absent)).isEmpty();
    }

    private ContainerSummary describeOne(String value) {
        List<ContainerSummary> described = runtime().lifecycle().describeByLabel(TCK_LABEL, value);
        assertThat(described).as("containers labelled %s=%s", TCK_LABEL, value).hasSize(1);
        return described.get(0);
    }
}
