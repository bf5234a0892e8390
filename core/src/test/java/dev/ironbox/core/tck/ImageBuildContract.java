package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.image.ImageBuilder;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.sandbox.SandboxService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local images without a registry, on a real engine: a root filesystem imported from a directory or a tar runs as a
 * sandbox; bad input leaves no image; and the host-tools image ({@link HostToolsImageContract}, inherited). An
 * adapter's IT extends this and implements {@link #connect()}; it fails, never skips, when the engine is missing.
 * Every image it builds has a fresh tag under {@code localhost/ironbox-it/} and is removed after the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class ImageBuildContract extends HostToolsImageContract {

    private static final Path HOST_BUSYBOX = Path.of("/bin/busybox");

    private final List<String> built = new CopyOnWriteArrayList<>();
    private ContainerRuntime runtime;
    private SandboxService sandbox;
    private ImageBuilder builder;

    @TempDir
    Path dir;

    @TempDir
    Path workspace;

    /** Connects to the engine under test; called once per test class. Must fail (not skip) when there is no engine. */
    protected abstract ContainerRuntime connect();

    @BeforeAll
    void connectToEngine() {
        runtime = connect();
        sandbox = new SandboxService(runtime, SandboxSettings.builder().pullMissingImages(false).build());
        builder = new ImageBuilder(runtime.images());
    }

    @BeforeEach
    void openWorkspace() throws IOException {
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterEach
    void removeBuiltImagesAndCheckNothingIsLeft() {
        // first the runs' containers, removed in the background: an image a container uses cannot be removed
        RemovalGrace.awaitNone(() -> runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid()));
        for (String image : built) {
            runtime.images().remove(image);
            assertThat(runtime.images().exists(image)).as("image %s removed", image).isFalse();
        }
        built.clear();
        assertThat(runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid()))
                .as("containers left behind").isEmpty();
    }

    @Override
    protected ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    protected ImageBuilder builder() {
        return builder;
    }

    @Override
    protected void built(String image) {
        built.add(image);
    }

    @AfterAll
    void disconnect() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aDirectoryBecomesAnImageThatRunsWithItsFilesModesAndLongNames() throws Exception {
        Path rootfs = busyboxTree();
        Path deep = Files.createDirectories(rootfs.resolve("opt/" + "a-rather-long-directory-name/".repeat(6)));
        Files.writeString(deep.resolve("note"), "deep down\n");
        Path tool = Files.writeString(rootfs.resolve("bin/hello"), "#!/bin/sh\necho hello from a script\n");
        Files.setAttribute(tool, "unix:mode", 02755);
        String tag = freshTag();
        List<long[]> updates = new CopyOnWriteArrayList<>();

        assertThat(builder.build(rootfs, tag, (bytes, total) -> updates.add(new long[] {bytes, total.orElse(-1)})))
                .isEqualTo(tag);
        built.add(tag);

        String deepPath = "/" + rootfs.relativize(deep.resolve("note"));
        RunResult result = run(tag, "sh", "-c", "cat /etc/motd; /bin/hello; cat " + deepPath
                + "; stat -c '%a %u' /bin/hello; readlink /bin/sh; readlink /bin/cat");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).isEqualTo("built from a directory\nhello from a script\ndeep down\n2755 0\n"
                + "busybox\n/bin/busybox\n");
        long[] last = updates.get(updates.size() - 1);
        assertThat(last[0]).isEqualTo(last[1]).isGreaterThan(Files.size(HOST_BUSYBOX));
        assertThat(updates.get(0)[1]).as("the walked total, known from the start").isEqualTo(last[1]);
    }

    @Test
    void aTarAndAGzipTarBecomeImagesAndAreListed() throws Exception {
        Path rootfs = busyboxTree();
        Path tar = dir.resolve("rootfs.tar");
        Path gzip = dir.resolve("rootfs.tar.gz");
        hostTar("-cf", tar, rootfs);
        hostTar("-czf", gzip, rootfs);
        for (Path archive : List.of(tar, gzip)) {
            String tag = freshTag();
            List<Long> totals = new CopyOnWriteArrayList<>();
            builder.build(archive, tag, (bytes, total) -> totals.add(total.orElse(-1)));
            built.add(tag);
            assertThat(totals).isNotEmpty().allSatisfy(total -> assertThat(total).isEqualTo(Files.size(archive)));
            assertThat(run(tag, "cat", "/etc/motd").stdout()).isEqualTo("built from a directory\n");
            assertThat(builder.list()).flatExtracting(ImageSummary::tags).contains(tag);
        }
    }

    @Test
    void anUntaggedReferenceGetsLatest() throws Exception {
        String name = "localhost/ironbox-it/" + UUID.randomUUID();
        String stored = builder.build(busyboxTree(), name, TransferProgress.NONE);
        built.add(stored);
        assertThat(stored).isEqualTo(name + ":latest");
        assertThat(runtime.images().exists(stored)).isTrue();
    }

    @Test
    void aBadTagANonArchiveAndAMissingPathAreRefusedAndNoImageIsMade() throws Exception {
        String tag = freshTag();
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an archive\n");
        Path rootfs = busyboxTree();
        assertThatThrownBy(() -> builder.build(rootfs, tag.replace("ironbox-it", "Ironbox-IT"), TransferProgress.NONE))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("not a valid image reference");
        assertThatThrownBy(() -> builder.build(text, tag, TransferProgress.NONE))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("is not a directory or a tar archive");
        assertThatThrownBy(() -> builder.build(dir.resolve("missing"), tag, TransferProgress.NONE))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("does not exist");
        assertThat(runtime.images().exists(tag)).isFalse();
        assertThat(builder.list()).flatExtracting(ImageSummary::tags)
                .noneMatch(t -> t.toLowerCase().contains(tag.substring("localhost/".length())));
    }

    @Test
    void anArchiveTheEngineRefusesLeavesNoImage() throws Exception {
        String tag = freshTag();
        byte[] corrupt = new byte[4096];
        corrupt[0] = 0x1f;
        corrupt[1] = (byte) 0x8b; // gzip magic, then nothing a gzip reader accepts
        Path archive = Files.write(dir.resolve("corrupt.tar.gz"), corrupt);
        assertThatThrownBy(() -> builder.build(archive, tag, TransferProgress.NONE))
                .isInstanceOf(ImageUnavailableException.class).hasMessageContaining(tag.substring(0, 20));
        assertThat(runtime.images().exists(tag)).isFalse();
    }

    // ---- helpers ----

    /** A tree with the host's static busybox, {@code sh} and {@code cat} as relative and absolute links. */
    protected Path busyboxTree() throws IOException {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs-" + UUID.randomUUID()));
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(HOST_BUSYBOX, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("busybox"));
        for (String applet : List.of("cat", "stat", "readlink")) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("/bin/busybox"));
        }
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/motd"), "built from a directory\n");
        Files.setAttribute(Files.createDirectories(rootfs.resolve("tmp")), "unix:mode", 01777);
        Files.createDirectories(rootfs.resolve("workspace"));
        return rootfs;
    }

    private RunResult run(String image, String... command) throws InterruptedException {
        return sandbox.run(RunRequest.builder().image(image).workspace(workspace).command(List.of(command)).build());
    }

    protected static String freshTag() {
        return "localhost/ironbox-it/" + UUID.randomUUID() + ":1";
    }

    private static void hostTar(String flags, Path archive, Path rootfs) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", flags, archive.toString(), "-C", rootfs.toString(), ".")
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as("host tar: %s", output).isZero();
    }
}
