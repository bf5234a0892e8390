package dev.ironbox.core.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our reader on what real tars write: GNU tar in each of its formats, and busybox tar. */
class TarReaderTest {

    private static final String LONG_DIR = "d".repeat(120);
    private static final String LONG_FILE = "f".repeat(130) + ".txt";
    private static final String LONG_TARGET = "../" + LONG_DIR + "/" + LONG_FILE;

    @TempDir Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"tar --format=gnu", "tar --format=pax", "tar --format=ustar", "busybox tar"})
    void readsNamesLinksAndContentAsTheToolWroteThem(String tool) throws Exception {
        boolean ustar = tool.endsWith("ustar");
        Path top = Files.createDirectories(temp.resolve("top"));
        // ustar splits a long path into prefix + name, but no single part may pass 100 (or 155) bytes
        String dir = ustar ? "d".repeat(90) : LONG_DIR;
        String file = ustar ? "f".repeat(90) + ".txt" : LONG_FILE;
        Files.createDirectories(top.resolve(dir));
        Files.writeString(top.resolve(dir).resolve(file), "long content\n");
        Files.write(top.resolve("blocks"), new byte[1500]);
        Files.createDirectory(top.resolve("empty"));
        String target = ustar ? "short" : LONG_TARGET;
        Files.createSymbolicLink(top.resolve("link"), Path.of(target));

        Map<String, TarReader.Entry> entries = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        TarReader reader = new TarReader(new ByteArrayInputStream(create(tool)));
        TarReader.Entry entry;
        while ((entry = reader.next()) != null) {
            String name = entry.name().replaceAll("/$", "");
            entries.put(name, entry);
            contents.put(name, new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
        }

        assertThat(entries).containsOnlyKeys("top", "top/" + dir, "top/" + dir + "/" + file, "top/blocks",
                "top/empty", "top/link");
        assertThat(entries.get("top/empty").isDirectory()).isTrue();
        assertThat(contents.get("top/" + dir + "/" + file)).isEqualTo("long content\n");
        assertThat(entries.get("top/blocks").size()).isEqualTo(1500);
        assertThat(contents.get("top/blocks")).hasSize(1500);
        assertThat(entries.get("top/link").isSymlink()).isTrue();
        assertThat(entries.get("top/link").linkName()).isEqualTo(target);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 511, 513})
    void anArchiveCutShortIsAnError(int cut) throws Exception {
        Path top = Files.createDirectories(temp.resolve("top"));
        Files.write(top.resolve("f"), new byte[2000]);
        byte[] whole = create("tar --format=gnu");
        byte[] truncated = java.util.Arrays.copyOf(whole, 512 + cut);

        assertThatThrownBy(() -> {
            TarReader reader = new TarReader(new ByteArrayInputStream(truncated));
            while (reader.next() != null) {
                reader.content().readAllBytes();
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("the archive ends");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a tar at all, just some text that is long enough to look like a header block"})
    void somethingElseIsNotTakenForATar(String text) {
        byte[] block = java.util.Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), 512);
        assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(block)).next())
                .isInstanceOf(IOException.class);
    }

    @Test
    void ofPaxRecordsOnlyTheKeysUsedAreKept() throws Exception {
        String records = RawTar.record("path", "top/p") + RawTar.record("linkpath", "l") + RawTar.record("size", "3")
                + RawTar.record("comment", "x".repeat(1000)) + RawTar.record("SCHILY.xattr.a", "b");

        assertThat(TarReader.paxRecords(records)).containsOnlyKeys("path", "linkpath", "size");
    }

    @Test
    void realMetadataIsReadAndCountedInTheEntrysHeaderBytes() throws Exception {
        byte[] archive = new RawTar()
                .pax('g', "comment", "global")
                .pax('x', "path", "top/" + "n".repeat(200))
                .entry("top/short", '0', bytes("abc"))
                .end();

        TarReader reader = new TarReader(new ByteArrayInputStream(archive));
        TarReader.Entry entry = reader.next();

        assertThat(entry.name()).isEqualTo("top/" + "n".repeat(200));
        assertThat(entry.headerBytes()).as("three headers, two one-block metadata contents").isEqualTo(5 * 512);
        assertThat(new String(reader.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(reader.next()).isNull();
    }

    @Test
    void moreThanEightMetadataHeadersInARowAreRefused() throws Exception {
        RawTar tar = new RawTar();
        for (int i = 0; i < TarReader.MAX_META_HEADERS + 1; i++) {
            tar.pax('x', "key" + i, "v");
        }
        byte[] archive = tar.entry("top", '0', new byte[0]).end();

        assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(archive)).next())
                .isInstanceOf(IOException.class).hasMessageContaining("more than 8 extended headers in a row");
    }

    @Test
    void exactlyEightMetadataHeadersAreStillFine() throws Exception {
        RawTar tar = new RawTar();
        for (int i = 0; i < TarReader.MAX_META_HEADERS; i++) {
            tar.pax('x', "key" + i, "v");
        }
        byte[] archive = tar.entry("top", '0', new byte[0]).end();

        assertThat(new TarReader(new ByteArrayInputStream(archive)).next().name()).isEqualTo("top");
    }

    @Test
    void hugeMetadataIsRefusedBeforeItIsRead() throws Exception {
        // The reviewer's case: many distinct-key extended headers of a MiB each once ran the JVM out of memory.
        RawTar tar = new RawTar();
        for (int i = 0; i < 8; i++) {
            tar.pax('x', "key" + i, "v".repeat(1 << 20));
        }
        CountingStream in = new CountingStream(tar.entry("top", '0', new byte[0]).end());

        assertThatThrownBy(() -> new TarReader(in).next())
                .isInstanceOf(IOException.class).hasMessageContaining("pass 65536 bytes");
        assertThat(in.count).as("bytes read").isEqualTo(512);
    }

    @Test
    void metadataIsBoundedInTotalNotOnlyPerHeader() throws Exception {
        byte[] archive = new RawTar()
                .entry("top", 'L', new byte[40_000])
                .pax('g', "comment", "v".repeat(40_000))
                .entry("top", '0', new byte[0])
                .end();

        assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(archive)).next())
                .isInstanceOf(IOException.class).hasMessageContaining("pass 65536 bytes");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Counts what the reader took, to show it stopped early. */
    private static final class CountingStream extends ByteArrayInputStream {
        long count;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }
    }

    private byte[] create(String tool) throws Exception {
        List<String> command = new ArrayList<>();
        if (tool.startsWith("busybox")) {
            command.addAll(List.of("/bin/busybox", "tar"));
        } else {
            command.addAll(List.of("tar", tool.split(" ")[1]));
        }
        command.addAll(List.of("-c", "-f", "-", "-C", temp.toString(), "top"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).as(tool + " exit").isZero();
        return bytes;
    }
}
