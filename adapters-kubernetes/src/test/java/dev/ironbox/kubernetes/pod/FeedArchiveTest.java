package dev.ironbox.kubernetes.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.tar.TarReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedArchiveTest {

    @TempDir
    Path dir;

    private Path workspace;
    private Path ca;

    /** What was read back: each entry's type, mode, and link target or content. */
    private record Read(char type, int mode, String value) {}

    @BeforeEach
    void tree() throws Exception {
        workspace = Files.createDirectories(dir.resolve("project"));
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(workspace.resolve("README"), "hello\n");
        Path src = Files.createDirectories(workspace.resolve("src/main"));
        Files.writeString(src.resolve("run.sh"), "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(src.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(workspace.resolve("README"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectories(workspace.resolve("empty"));
        Files.setPosixFilePermissions(workspace.resolve("empty"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(workspace.resolve("src"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(workspace.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(workspace.resolve("script"), Path.of("src/main/run.sh"));
        ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private ContainerSpec spec(Mount... binds) {
        return PodSpecsTest.base().addBinds(binds).build();
    }

    private static Map<String, Read> archive(ContainerSpec spec, long limit) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FeedArchive feed = FeedArchive.scan(spec, limit)) {
            feed.writeTo(out);
        }
        Map<String, Read> entries = new LinkedHashMap<>();
        TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()));
        for (TarReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
            String value = entry.isSymlink() ? entry.linkName()
                    : entry.isRegularFile() ? new String(reader.content().readAllBytes(), StandardCharsets.UTF_8) : "";
            entries.put(entry.name(), new Read(entry.type(), entry.mode(), value));
        }
        return entries;
    }

    @Test
    void theWorkspaceAndTheOtherBindsAreOneTarInTheMountsOrder() throws Exception {
        ContainerSpec spec = spec(new Mount(workspace, "/workspace", true),
                new Mount(ca, "/etc/ironbox/ca.pem", true), new Mount(workspace.resolve("src"), "/opt/src", true));

        Map<String, Read> entries = archive(spec, 1 << 20);

        assertThat(entries).containsExactly(
                Map.entry("workspace/", new Read('5', 0750, "")),
                Map.entry("workspace/README", new Read('0', 0644, "hello\n")),
                Map.entry("workspace/empty/", new Read('5', 0755, "")),
                Map.entry("workspace/passwd", new Read('2', 0777, "/etc/passwd")),
                Map.entry("workspace/script", new Read('2', 0777, "src/main/run.sh")),
                Map.entry("workspace/src/", new Read('5', 0755, "")),
                Map.entry("workspace/src/main/", new Read('5', 0755, "")),
                Map.entry("workspace/src/main/run.sh", new Read('0', 0755, "#!/bin/sh\necho run\n")),
                Map.entry("binds/", new Read('5', 0755, "")),
                Map.entry("binds/0", new Read('0', 0644, "-----BEGIN CERTIFICATE-----\n")),
                Map.entry("binds/1/", new Read('5', 0755, "")),
                Map.entry("binds/1/main/", new Read('5', 0755, "")),
                Map.entry("binds/1/main/run.sh", new Read('0', 0755, "#!/bin/sh\necho run\n")));
    }

    @Test
    void theFeedContainersCommandExtractsIt() throws Exception {
        ContainerSpec spec = spec(new Mount(workspace, "/workspace", true), new Mount(ca, "/etc/ca.pem", true));
        Path root = Files.createDirectories(dir.resolve("ironbox"));
        // the feed container's command, with this machine's tar
        Process tar = new ProcessBuilder("tar", "-x", "-f", "-", "-C", root.toString()).redirectErrorStream(true)
                .start();
        try (FeedArchive feed = FeedArchive.scan(spec, 1 << 20); var in = tar.getOutputStream()) {
            feed.writeTo(in);
        }
        String said = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(tar.waitFor()).as(said).isZero();
        assertThat(root.resolve("workspace/README")).hasContent("hello");
        assertThat(Files.readSymbolicLink(root.resolve("workspace/passwd"))).isEqualTo(Path.of("/etc/passwd"));
        assertThat(Files.getPosixFilePermissions(root.resolve("workspace/src/main/run.sh")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(root.resolve("workspace/empty")).isEmptyDirectory();
        assertThat(root.resolve("binds/0")).hasContent("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void theLinksAreNeverFollowed() throws Exception {
        Files.createSymbolicLink(workspace.resolve("etc"), Path.of("/etc"));

        Map<String, Read> entries = archive(spec(new Mount(workspace, "/workspace", true)), 1 << 20);

        assertThat(entries.get("workspace/etc")).isEqualTo(new Read('2', 0777, "/etc"));
        assertThat(entries.keySet()).noneMatch(name -> name.startsWith("workspace/etc/"));
    }

    @Test
    void contentOverTheEphemeralStorageIsRefusedBeforeAnythingIsWritten() {
        ContainerSpec spec = spec(new Mount(workspace, "/workspace", true), new Mount(ca, "/etc/ca.pem", true));
        long content = "hello\n".length() + "#!/bin/sh\necho run\n".length();

        assertThatThrownBy(() -> FeedArchive.scan(spec, content)).isInstanceOf(PolicyRefusedException.class)
                .hasMessage("the workspace " + ca + " holds more than the pod's ephemeral storage of " + content
                        + " bytes (kubernetes.ephemeral-storage): raise it, or run on a smaller workspace");
        try (FeedArchive feed = FeedArchive.scan(spec, content + "-----BEGIN CERTIFICATE-----\n".length())) {
            assertThat(feed.bytes()).isEqualTo(content + 28);
        }
    }

    @Test
    void aMissingHostPathIsRefused() {
        Path missing = dir.resolve("gone");

        assertThatThrownBy(() -> FeedArchive.scan(spec(new Mount(missing, "/workspace", true)), 1 << 20))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageStartingWith("cannot create the pod: the bind's host path " + missing + " does not exist");
    }

    @Test
    void aSpecialFileIsRefusedAsIronboxCpRefusesIt() throws Exception {
        Path fifo = workspace.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThatThrownBy(() -> FeedArchive.scan(spec(new Mount(workspace, "/workspace", true)), 1 << 20))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("refused to copy " + fifo + " into the pod: it is a special file (device, fifo or"
                        + " socket)");
    }

    @Test
    void noBindsNoEntries() throws Exception {
        assertThat(archive(spec(), 1 << 20)).isEmpty();
    }

    @Test
    void aFifoSwappedInAfterTheScanFailsTheCopyInsteadOfBlockingIt() throws Exception {
        ContainerSpec spec = spec(new Mount(workspace, "/workspace", true));
        try (FeedArchive feed = FeedArchive.scan(spec, 1 << 20)) {
            Files.delete(workspace.resolve("README"));
            assertThat(new ProcessBuilder("mkfifo", workspace.resolve("README").toString()).start().waitFor())
                    .isZero();
            java.util.concurrent.CompletableFuture<Throwable> copy = new java.util.concurrent.CompletableFuture<>();
            Thread writer = new Thread(() -> {
                try {
                    feed.writeTo(java.io.OutputStream.nullOutputStream());
                    copy.complete(null);
                } catch (Throwable e) {
                    copy.complete(e);
                }
            });
            writer.setDaemon(true);
            writer.start();
            Throwable failure;
            try {
                failure = copy.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // blocked in the FIFO's open: release it (a writer opens the other end) and fail
                try (var unblock = Files.newOutputStream(workspace.resolve("README"))) {
                    unblock.flush();
                }
                throw new AssertionError("the copy blocked on a FIFO", e);
            }
            assertThat(failure).isInstanceOf(java.io.IOException.class)
                    .hasMessageEndingWith("README is no longer a regular file: it changed while it was being copied"
                            + " into the pod");
        }
    }
}
