package dev.ironbox.app.egress;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.image.BusyboxRootfs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A local image with a TLS client, made from the host's own files like {@code docker import} (no registry): Ironbox's
 * busybox rootfs ({@link BusyboxRootfs}: static busybox, its applets, {@code sandbox} = uid 1000), plus the host's
 * {@code /usr/bin/curl}, every shared library {@code ldd /usr/bin/curl} lists and the dynamic loader, each at the
 * path ldd names (symlinks resolved), and {@code /etc/ssl/certs/ca-certificates.crt}. About 20 MB.
 */
public final class CurlImage {

    public static final String IMAGE = "localhost/ironbox-test/curl:1";
    static final Path CURL = Path.of("/usr/bin/curl");
    static final Path CA_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    /** {@code libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)} or {@code /lib64/ld-linux-x86-64.so.2 (0x...)} */
    private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)");

    private CurlImage() {}

    /** Imports the image into {@code runtime} unless it is there. */
    public static void ensure(ContainerRuntime runtime) {
        if (!runtime.images().exists(IMAGE)) {
            runtime.images().importRootfs(IMAGE, new ByteArrayInputStream(buildTar()));
        }
    }

    /** The rootfs tar, in memory. */
    public static byte[] buildTar() {
        if (!Files.isExecutable(CURL)) {
            throw new IllegalStateException(CURL + " is missing on the host: install Debian's curl");
        }
        if (!Files.isReadable(CA_BUNDLE)) {
            throw new IllegalStateException(CA_BUNDLE + " is missing on the host: install Debian's ca-certificates");
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 << 20);
            Set<String> directories = new TreeSet<>();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
                    TarArchiveInputStream busybox = new TarArchiveInputStream(
                            new ByteArrayInputStream(BusyboxRootfs.buildTar()))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (TarArchiveEntry entry; (entry = busybox.getNextEntry()) != null; ) {
                    tar.putArchiveEntry(entry);
                    if (entry.isFile()) {
                        busybox.transferTo(tar);
                    }
                    tar.closeArchiveEntry();
                    if (entry.isDirectory()) {
                        directories.add(strip(entry.getName()));
                    }
                }
                addFile(tar, directories, "usr/bin/curl", CURL, 0755);
                for (Path library : libraries()) {
                    addFile(tar, directories, library.toString().substring(1), library, 0755);
                }
                addFile(tar, directories, CA_BUNDLE.toString().substring(1), CA_BUNDLE, 0644);
                tar.finish();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the rootfs of " + IMAGE, e);
        }
    }

    /** The absolute paths {@code ldd /usr/bin/curl} prints, the loader included, in its order. */
    static List<Path> libraries() throws IOException {
        Process ldd = new ProcessBuilder("ldd", CURL.toString()).redirectErrorStream(true).start();
        String listing = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!ldd.waitFor(10, TimeUnit.SECONDS) || ldd.exitValue() != 0) {
                ldd.destroyForcibly();
                throw new IOException("ldd " + CURL + " failed: " + listing);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running ldd", e);
        }
        Set<Path> paths = new LinkedHashSet<>();
        for (String line : listing.split("\n")) {
            if (line.contains("not found")) {
                throw new IOException("ldd " + CURL + ": " + line.strip());
            }
            Matcher m = LDD_PATH.matcher(line);
            if (m.find()) {
                paths.add(Path.of(m.group(1)));
            }
        }
        if (paths.stream().noneMatch(p -> p.getFileName().toString().startsWith("ld-linux"))) {
            throw new IOException("ldd " + CURL + " names no dynamic loader: " + listing);
        }
        return List.copyOf(paths);
    }

    private static void addFile(TarArchiveOutputStream tar, Set<String> directories, String name, Path source,
            int mode) throws IOException {
        String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
        addDirectories(tar, directories, parent);
        byte[] content = Files.readAllBytes(source); // follows symlinks: the real library under ldd's name
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        entry.setSize(content.length);
        entry.setIds(0, 0);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void addDirectories(TarArchiveOutputStream tar, Set<String> directories, String dir)
            throws IOException {
        if (dir.isEmpty() || directories.contains(dir)) {
            return;
        }
        if (dir.contains("/")) {
            addDirectories(tar, directories, dir.substring(0, dir.lastIndexOf('/')));
        }
        TarArchiveEntry entry = new TarArchiveEntry(dir + "/");
        entry.setMode(0755);
        entry.setIds(0, 0);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        directories.add(dir);
    }

    private static String strip(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }
}
