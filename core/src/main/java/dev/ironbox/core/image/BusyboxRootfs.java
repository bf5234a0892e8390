package dev.ironbox.core.image;

import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.tar.TarWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The root filesystem of Ironbox's default image, made from the host's statically linked busybox (Debian's
 * {@code busybox-static}): a shell and the usual tools, a {@code sandbox} user with uid 1000, nothing else.
 * Needs no registry and no network.
 */
public final class BusyboxRootfs {

    /** Where Debian's busybox-static puts it; {@code IRONBOX_BUSYBOX} overrides. */
    static final List<Path> CANDIDATES = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private static final int PT_INTERP = 3;

    private BusyboxRootfs() {}

    /**
     * Builds the rootfs tar in memory (about 2 MB).
     *
     * @throws ImageUnavailableException when no static busybox is found on the host
     */
    public static byte[] buildTar() {
        Path busybox = locate();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(3 << 20);
            TarWriter tar = new TarWriter(bytes);
            for (String dir : List.of("bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "dev", "proc", "sys",
                    "workspace", "home")) {
                tar.directory(dir, 0755);
            }
            tar.directory("tmp", 01777);
            tar.file("bin/busybox", 0755, Files.readAllBytes(busybox));
            for (String applet : applets(busybox)) {
                tar.symlink(applet, "/bin/busybox");
            }
            tar.file("etc/passwd", 0644, ("root:x:0:0:root:/root:/bin/sh\n"
                    + "sandbox:x:1000:1000:sandbox:/tmp:/bin/sh\n").getBytes(StandardCharsets.UTF_8));
            tar.file("etc/group", 0644, "root:x:0:\nsandbox:x:1000:\n".getBytes(StandardCharsets.UTF_8));
            tar.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new ImageUnavailableException("cannot build the default image from " + busybox + ": " + e.getMessage(), e);
        }
    }

    static Path locate() {
        List<Path> tried = new ArrayList<>();
        String override = System.getenv("IRONBOX_BUSYBOX");
        List<Path> candidates = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            candidates.add(Path.of(override));
        }
        candidates.addAll(CANDIDATES);
        for (Path candidate : candidates) {
            tried.add(candidate);
            if (Files.isRegularFile(candidate) && isStatic(candidate)) {
                return candidate;
            }
        }
        throw new ImageUnavailableException("the default image is absent and Ironbox cannot build it: no statically "
                + "linked busybox at " + tried + " (install Debian's busybox-static, or set IRONBOX_BUSYBOX)");
    }

    /** A dynamically linked ELF names its loader in a PT_INTERP program header; a static one has none. */
    public static boolean isStatic(Path elf) {
        try (InputStream in = Files.newInputStream(elf)) {
            byte[] head = in.readNBytes(64 * 1024);
            if (head.length < 64 || head[0] != 0x7f || head[1] != 'E' || head[4] != 2 || head[5] != 1) {
                return false; // not a 64-bit little-endian ELF
            }
            long phoff = le(head, 0x20, 8);
            int phentsize = (int) le(head, 0x36, 2);
            int phnum = (int) le(head, 0x38, 2);
            for (int i = 0; i < phnum; i++) {
                long at = phoff + (long) i * phentsize;
                if (at + 4 > head.length) {
                    return false;
                }
                if (le(head, (int) at, 4) == PT_INTERP) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long le(byte[] b, int offset, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (b[offset + i] & 0xFF);
        }
        return value;
    }

    /** Applet paths such as {@code usr/bin/env}, from {@code busybox --list-full}. */
    private static List<String> applets(Path busybox) throws IOException {
        Process process = new ProcessBuilder(busybox.toString(), "--list-full").redirectErrorStream(true).start();
        String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("'" + busybox + " --list-full' failed: " + listing.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing busybox applets", e);
        }
        TreeSet<String> applets = new TreeSet<>();
        for (String line : listing.split("\n")) {
            String path = line.strip();
            if (!path.isEmpty() && !path.equals("bin/busybox") && !path.equals("linuxrc") && path.contains("/")) {
                applets.add(path);
            }
        }
        return List.copyOf(applets);
    }
}
