package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.image.HostTools;
import dev.ironbox.core.image.ImageBuilder;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The host-tools half of {@link ImageBuildContract}: the image is a few mount points, and a hardened container of it
 * with {@link HostTools#binds} uses the host's own toolchain, offline. Checked with the host's curl and openssl
 * (installed on the machines Ironbox is tested on).
 */
public abstract class HostToolsImageContract {

    /** The connected runtime under test. */
    protected abstract ContainerRuntime runtime();

    protected abstract ImageBuilder builder();

    /** Registers an image the test made, to be removed after it. */
    protected abstract void built(String image);

    @Test
    void aHostToolsContainerRunsTheHostsCurlAndFindsItsCaCertificatesOffline() throws Exception {
        String tag = buildHostTools();
        ImageSummary image = runtime().images().inspect(tag).orElseThrow();
        assertThat(image.labels()).containsEntry(HostTools.LABEL, "1").doesNotContainKey(OwnerLabels.MANAGED);
        List<Mount> binds = HostTools.binds(image.labels());
        assertThat(binds).extracting(Mount::containerPath).contains("/usr", "/etc/ssl/certs");

        Output out = runHardened(tag, binds, "sh", "-c", "curl --version; id -u; id -un; "
                + "ls /usr/bin | grep -cx curl; set -- /etc/ssl/certs/*.pem; openssl verify \"$1\"; touch /usr/ironbox 2>/dev/null || echo read-only");
        assertThat(out.stderr()).isEmpty();
        assertThat(out.exit().exitCode()).isZero();
        assertThat(out.stdout()).startsWith("curl ").contains("libcurl/")
                .contains("\n" + SandboxUser.current().uid() + "\nsandbox\n1\n").contains(".pem: OK\n")
                .endsWith("read-only\n");
    }

    @Test
    void withoutTheBindsTheImageHoldsNoTools() throws Exception {
        String tag = buildHostTools();
        try {
            Output out = runHardened(tag, List.of(), "/usr/bin/curl", "--version");
            // the engine's init (PID 1) started and could not exec the command
            assertThat(out.exit().exitCode()).isNotZero();
            assertThat(out.stdout()).doesNotContain("curl ");
        } catch (ContainerFailureException e) {
            assertThat(e).hasMessageContaining("curl"); // the engine refused to start a missing command
        }
    }

    private String buildHostTools() {
        String tag = ImageBuildContract.freshTag();
        String stored = builder().buildHostTools(tag, TransferProgress.NONE);
        built(stored);
        assertThat(stored).isEqualTo(tag);
        return stored;
    }

    /** Runs {@code command} in a hardened container of {@code image} with {@code binds}, to its end. */
    private Output runHardened(String image, List<Mount> binds, String... command) throws InterruptedException {
        ContainerId id = runtime().containers().create(hardenedSpec(image, binds, List.of(command)));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (LogFollow follow = runtime().logs().follow(id, chunk -> {
            synchronized (stdout) {
                byte[] bytes = chunk.bytes();
                (chunk.stream() == StreamType.STDOUT ? stdout : stderr).write(bytes, 0, bytes.length);
            }
        })) {
            runtime().lifecycle().start(id);
            Optional<ExitStatus> exit = runtime().lifecycle().awaitExit(id, Duration.ofSeconds(60));
            assertThat(exit).as("the command ended").isPresent();
            assertThat(follow.awaitEnd(Duration.ofSeconds(30))).as("the output ended").isTrue();
            synchronized (stdout) {
                return new Output(exit.get(), stdout.toString(StandardCharsets.UTF_8),
                        stderr.toString(StandardCharsets.UTF_8));
            }
        } finally {
            runtime().lifecycle().remove(id);
        }
    }

    /** As the sandbox service makes them: its sandbox user, no capabilities, read-only root, limits, an init, no network. */
    private static ContainerSpec hardenedSpec(String image, List<Mount> binds, List<String> command) {
        return ContainerSpec.builder()
                .name("ironbox-it-" + UUID.randomUUID())
                .image(image)
                .command(command)
                .putEnv("HOME", "/tmp")
                .putEnv("PATH", "/usr/local/bin:/usr/bin:/bin")
                .workingDir("/workspace")
                .user(SandboxUser.current().spec())
                .labels(OwnerLabels.forCurrentProcess("readonly"))
                .binds(binds)
                .addTmpfs(new TmpfsMount("/tmp", 16L << 20))
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .noNewPrivileges(true)
                .memoryBytes(256L << 20)
                .memorySwapBytes(256L << 20)
                .nanoCpus(1_000_000_000L)
                .pidsLimit(64)
                .init(true)
                .networkMode("none")
                .build();
    }

    private record Output(ExitStatus exit, String stdout, String stderr) {}
}
