package dev.ironbox.core.tar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.image.BusyboxRootfs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/** Our ustar writer, read back by a well-kept tar reader. */
class TarWriterTest {

    @Test
    void writesDirectoriesFilesAndSymlinksAReaderUnderstands() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(bytes);
        tar.directory("etc", 0755);
        tar.directory("tmp", 01777);
        tar.file("etc/passwd", 0644, "root:x:0:0\n".getBytes(StandardCharsets.UTF_8));
        tar.file("etc/big", 0600, new byte[1000]);
        tar.symlink("usr/bin/env", "/bin/busybox");
        tar.finish();

        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
                contents.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsOnlyKeys("etc/", "tmp/", "etc/passwd", "etc/big", "usr/bin/env");
        assertThat(entries.get("etc/").isDirectory()).isTrue();
        assertThat(entries.get("tmp/").getMode() & 07777).isEqualTo(01777);
        assertThat(contents.get("etc/passwd")).isEqualTo("root:x:0:0\n");
        assertThat(entries.get("etc/big").getSize()).isEqualTo(1000);
        assertThat(entries.get("usr/bin/env").isSymbolicLink()).isTrue();
        assertThat(entries.get("usr/bin/env").getLinkName()).isEqualTo("/bin/busybox");
        assertThat(bytes.size() % 512).isZero();
    }

    @Test
    void theDefaultRootfsHasBusyboxItsAppletsAndTheSandboxUser() throws Exception {
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(BusyboxRootfs.buildTar()))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
                contents.put(entry.getName(), entry.isFile() && entry.getSize() < 4096
                        ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : "");
            }
        }
        assertThat(entries).containsKeys("bin/busybox", "bin/sh", "usr/bin/env", "tmp/", "workspace/");
        assertThat(entries.get("bin/sh").getLinkName()).isEqualTo("/bin/busybox");
        assertThat(contents.get("etc/passwd")).contains("sandbox:x:1000:1000");
        assertThat(BusyboxRootfs.isStatic(Path.of("/bin/busybox"))).isTrue();
    }

    @Test
    void aDynamicallyLinkedBinaryIsNotTakenForAStaticOne() {
        assertThat(BusyboxRootfs.isStatic(Path.of("/bin/ls"))).isFalse();
        assertThat(BusyboxRootfs.isStatic(Path.of("/etc/passwd"))).isFalse();
    }

    @Test
    void longNamesAndLinkTargetsGetPaxHeadersAndContentStreams() throws Exception {
        String longName = "dir-" + "x".repeat(120) + "/file-" + "é".repeat(60) + ".txt";
        String longTarget = "../" + "t".repeat(150);
        byte[] content = new byte[70_000];
        new java.util.Random(7).nextBytes(content);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(bytes);
        tar.directory("dir-" + "x".repeat(120), 0700, 1_700_000_000L);
        tar.file(longName, 0755, content.length, 1_700_000_000L, new ByteArrayInputStream(content));
        tar.symlink("link", longTarget, 1_700_000_000L);
        tar.finish();

        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
                contents.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(entries).containsOnlyKeys("dir-" + "x".repeat(120) + "/", longName, "link");
        assertThat(contents.get(longName)).isEqualTo(content);
        assertThat(entries.get(longName).getMode() & 07777).isEqualTo(0755);
        assertThat(entries.get(longName).getModTime().getTime()).isEqualTo(1_700_000_000_000L);
        assertThat(entries.get("link").getLinkName()).isEqualTo(longTarget);
    }

    @Test
    void aFileThatShrinksWhileCopiedIsAnError() {
        TarWriter tar = new TarWriter(new ByteArrayOutputStream());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> tar.file("f", 0644, 10, 0, new ByteArrayInputStream(new byte[4])))
                .isInstanceOf(java.io.EOFException.class).hasMessageContaining("shrank");
    }

    @Test
    void paxRecordLengthsCountThemselvesAcrossADigitBoundary() throws Exception {
        for (int valueLength = 80; valueLength < 1010; valueLength++) {
            String value = "v".repeat(valueLength);
            byte[] record = TarWriter.paxRecords(Map.of("path", value));
            String text = new String(record, StandardCharsets.UTF_8);
            assertThat(Integer.parseInt(text.substring(0, text.indexOf(' ')))).isEqualTo(record.length);
            assertThat(TarReader.paxRecords(text)).containsEntry("path", value);
        }
    }
}
