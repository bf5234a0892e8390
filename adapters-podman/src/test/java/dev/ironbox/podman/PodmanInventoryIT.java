package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.image.BusyboxRootfs;
import dev.ironbox.core.label.OwnerLabels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What the TCK leaves to each engine, on this machine's Podman: network anchors in listings and cleanup, standard
 * input edge cases over the hijacked connection, and labels Podman's import syntax cannot carry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PodmanInventoryIT {

    private static final String LABEL = "dev.ironbox.podman-it";

    private final String value = UUID.randomUUID().toString();
    private PodmanRuntime runtime;
    private LibpodClient raw;

    @BeforeAll
    void connect() {
        runtime = PodmanRuntime.connect();
        raw = LibpodClient.open(runtime.endpoint());
        if (!runtime.images().exists(SandboxSettings.DEFAULT_IMAGE)) {
            runtime.images().importRootfs(SandboxSettings.DEFAULT_IMAGE,
                    new ByteArrayInputStream(BusyboxRootfs.buildTar()));
        }
    }

    @AfterEach
    void leavesNoContainerBehind() {
        assertThat(runtime.lifecycle().describeByLabel(LABEL, value)).as("containers left behind").isEmpty();
    }

    @AfterAll
    void disconnect() {
        if (raw != null) {
            raw.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void anAnchorIsListedOnlyUnderItsOwnLabelAndGoesWithItsNetwork() {
        String name = "ironbox-it-" + value;
        Map<String, String> labels = new HashMap<>(OwnerLabels.forCurrentProcess("readonly"));
        labels.put(LABEL, value);
        SandboxNetwork network = runtime.networks().createInternal(name, labels);
        try {
            // a sweep of Ironbox's containers must not meet the anchor: Podman refuses to remove an infra container
            assertThat(runtime.lifecycle().describeByLabel(LABEL, value)).isEmpty();
            assertThat(runtime.lifecycle().describeByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid()))
                    .extracting(ContainerSummary::labels).noneMatch(l -> l.containsKey(NetworkAnchor.LABEL));
            assertThat(runtime.lifecycle().describeByLabel(NetworkAnchor.LABEL, name)).singleElement()
                    .satisfies(anchor -> assertThat(anchor.running()).isTrue());
            assertThat(pods()).contains(NetworkAnchor.podName(name));
        } finally {
            runtime.networks().remove(network.id());
        }
        assertThat(pods()).doesNotContain(NetworkAnchor.podName(name));
        assertThat(runtime.lifecycle().describeByLabel(NetworkAnchor.LABEL, name)).isEmpty();
        assertThat(runtime.networks().describeByLabel(LABEL, value)).isEmpty();
    }

    @Test
    void aProcessThatIgnoresItsInputEndsWithItsOutputAndExitCode() throws Exception {
        // Podman closes the connection with the unread input queued: the kernel reports a reset, not end-of-file
        ContainerId id = startSleeper();
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            OptionalInt code = runtime.exec().exec(id, exec("sh", "-c", "echo before; exit 3"),
                    new ByteArrayInputStream(new byte[16 << 20]), chunk -> output.writeBytes(chunk.bytes()),
                    Duration.ofSeconds(60));
            assertThat(code).hasValue(3);
            // Podman 4.3 ends the attach on the input's write error without waiting for its output relay, and
            // conmon, blocked writing the unread input, relays "before" only as the process ends: Podman drops it
            // now and then (seen twice here, under load). Ironbox logs that; what it controls is that the stream
            // ends cleanly with the exit code, holds nothing but the command's output, and never Podman's note.
            assertThat(output.toString(StandardCharsets.UTF_8)).isIn("before\n", "");
        } finally {
            runtime.lifecycle().remove(id);
        }
    }

    @Test
    void aTarFedToTarXIsUnpacked() throws Exception {
        // how a copy into a session works; tar may stop before the archive's padding, leaving input unread
        ContainerId id = runtime.containers().create(spec().addTmpfs(new TmpfsMount("/tmp", 16L << 20)).build());
        try {
            runtime.lifecycle().start(id);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            OptionalInt untar = runtime.exec().exec(id, exec("tar", "-x", "-C", "/tmp"),
                    new ByteArrayInputStream(BusyboxRootfs.buildTar()), chunk -> output.writeBytes(chunk.bytes()),
                    Duration.ofSeconds(60));
            assertThat(untar).as("tar -x; output: %s", output).hasValue(0);
            assertThat(output.size()).as("output: %s", output).isZero();
            // the unpacked busybox is the image's own, byte for byte (/tmp is noexec: compared, not run)
            OptionalInt same = runtime.exec().exec(id,
                    exec("sh", "-c", "cmp /tmp/bin/busybox /bin/busybox && echo same"),
                    chunk -> output.writeBytes(chunk.bytes()), Duration.ofSeconds(20));
            assertThat(same).as("output: %s", output).hasValue(0);
            assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("same\n");
        } finally {
            runtime.lifecycle().remove(id);
        }
    }

    @Test
    void anInputThatCannotBeReadFailsTheExecSayingSo() {
        ContainerId id = startSleeper();
        InputStream broken = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 'x';
                }
                throw new IOException("the disk went away");
            }
        };
        try {
            assertThatThrownBy(() -> runtime.exec().exec(id, exec("cat"), broken, chunk -> {},
                    Duration.ofSeconds(60)))
                    .isInstanceOf(ContainerFailureException.class)
                    .hasMessageContaining("cannot read the input of exec in container " + id)
                    .hasMessageContaining("the disk went away");
        } finally {
            runtime.lifecycle().remove(id);
        }
    }

    @Test
    void anExecWithInputPastItsDeadlineReturnsNoExitCode() throws Exception {
        ContainerId id = startSleeper();
        try {
            long started = System.nanoTime();
            OptionalInt code = runtime.exec().exec(id, exec("sleep", "30"),
                    new ByteArrayInputStream(new byte[10]), chunk -> {}, Duration.ofSeconds(1));
            assertThat(code).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        } finally {
            runtime.lifecycle().remove(id);
        }
    }

    @Test
    void anExecWithInputInAContainerThatIsNotRunningFailsClearly() {
        ContainerId id = runtime.containers().create(spec().build());
        try {
            assertThatThrownBy(() -> runtime.exec().exec(id, exec("cat"), new ByteArrayInputStream(new byte[1]),
                    chunk -> {}, Duration.ofSeconds(10)))
                    .isInstanceOf(ContainerFailureException.class)
                    .hasMessageContaining("cannot run exec in container " + id)
                    .hasMessageContaining("running containers");
        } finally {
            runtime.lifecycle().remove(id);
        }
    }

    @Test
    void aLabelPodmansImportCannotCarryIsRefusedAndNoImageIsMade() {
        String image = "localhost/ironbox-it/bad-label-" + value + ":1";
        try {
            assertThatThrownBy(() -> runtime.images().importRootfs(image,
                    new ByteArrayInputStream(BusyboxRootfs.buildTar()), Map.of("a key", "v")))
                    .isInstanceOf(ImageUnavailableException.class)
                    .hasMessageContaining("'a key'");
            assertThat(runtime.images().inspect(image)).isEmpty();
        } finally {
            runtime.images().remove(image);
        }
    }

    @Test
    void anAutoRemovedContainerSaysSoInItsInspection() {
        ContainerId id = runtime.containers().create(spec().autoRemove(true).build());
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> host = (Map<String, Object>) raw.get("/containers/" + id.value() + "/json", Map.class)
                    .get("HostConfig");
            assertThat(host.get("AutoRemove")).isEqualTo(true);
        } finally {
            runtime.lifecycle().remove(id);
        }
    }

    private ContainerSpec.Builder spec() {
        return ContainerSpec.builder()
                .name("ironbox-it-" + UUID.randomUUID())
                .image(SandboxSettings.DEFAULT_IMAGE)
                .command(List.of("sleep", "600"))
                .workingDir("/")
                .user("1000:1000")
                .labels(OwnerLabels.forCurrentProcess("readonly"))
                .putLabels(LABEL, value)
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .noNewPrivileges(true)
                .memoryBytes(64L << 20)
                .memorySwapBytes(64L << 20)
                .nanoCpus(500_000_000L)
                .pidsLimit(64)
                .init(true)
                .networkMode("none");
    }

    private ContainerId startSleeper() {
        ContainerId id = runtime.containers().create(spec().build());
        try {
            runtime.lifecycle().start(id);
        } catch (RuntimeException e) {
            runtime.lifecycle().remove(id);
            throw e;
        }
        return id;
    }

    private static ExecSpec exec(String... command) {
        return ExecSpec.builder().addCommand(command).workingDir("/").build();
    }

    private List<String> pods() {
        PodmanNetworkIT.PodSummary[] pods = raw.get("/pods/json", PodmanNetworkIT.PodSummary[].class);
        return Arrays.stream(pods).map(PodmanNetworkIT.PodSummary::name).toList();
    }
}
