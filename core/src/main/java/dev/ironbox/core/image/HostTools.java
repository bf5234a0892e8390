package dev.ironbox.core.image;

import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.tar.TarWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host-tools image: a tiny root filesystem of mount points that, at run time, get the host's own toolchain
 * ({@code /usr}, {@code /bin}, {@code /lib*}) and CA certificates bound read-only, so a sandbox can use what is
 * installed on the host, offline.
 */
public final class HostTools {

    /** The image label that marks a host-tools image; its runs and sessions get {@link #binds(Map)}. */
    public static final String LABEL = "dev.ironbox.host-tools";

    /**
     * The toolchain's top-level directories; on a merged-/usr host most are symlinks into {@code /usr}. Not
     * {@code /sbin}: Docker binds its init at {@code /sbin/docker-init} before the other binds, so {@code /sbin} must
     * be the image's own directory, neither a link into the bound {@code /usr} nor a bind itself, or the init is
     * hidden. The host's {@code /usr/sbin} is still there.
     */
    static final List<String> TOP_LEVEL = List.of("/usr", "/bin", "/lib", "/lib32", "/lib64", "/libx32");

    /**
     * Configuration the toolchain reads: CA certificates, update-alternatives' links, the loader's cache, OpenSSL's
     * settings. Never all of {@code /etc/ssl}: it holds private keys.
     */
    static final List<String> CONFIGURATION = List.of("/etc/ssl/certs", "/etc/ca-certificates",
            "/etc/alternatives", "/etc/ld.so.cache", "/etc/ssl/openssl.cnf");

    private HostTools() {}

    /**
     * Read-only binds a run or session of an image with these labels gets: empty unless {@link #LABEL} is present.
     * The paths are a fixed set, never taken from the labels (an image is untrusted); only those that exist on this
     * host as real directories or files (not symlinks: the image carries the same symlink) are bound.
     */
    public static List<Mount> binds(Map<String, String> imageLabels) {
        return imageLabels.containsKey(LABEL) ? binds(Path.of("/")) : List.of();
    }

    static List<Mount> binds(Path hostRoot) {
        List<Mount> binds = new ArrayList<>();
        for (String path : allPaths()) {
            Path host = onHost(hostRoot, path);
            if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
                binds.add(new Mount(host, path, true));
            }
        }
        return List.copyOf(binds);
    }

    /**
     * The image's root filesystem as a tar: the mount points as they are on the host under {@code hostRoot} (a
     * symlink stays the same symlink, a directory is an empty directory, a file an empty file), an empty
     * {@code /sbin} for the engine's init, {@code /etc/passwd} and {@code /etc/group} with root and the sandbox user
     * ({@link #passwd}), {@code /tmp} and {@code /workspace}.
     */
    static byte[] rootfsTar(Path hostRoot) {
        SandboxUser user = SandboxUser.current();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            TarWriter tar = new TarWriter(bytes);
            for (String dir : List.of("etc", "etc/ssl", "dev", "proc", "sys", "home", "root", "sbin", "workspace")) {
                tar.directory(dir, 0755);
            }
            tar.directory("tmp", 01777);
            for (String path : allPaths()) {
                mountPoint(tar, onHost(hostRoot, path), path.substring(1));
            }
            tar.file("etc/passwd", 0644, passwd(user).getBytes(StandardCharsets.UTF_8));
            tar.file("etc/group", 0644, group(user).getBytes(StandardCharsets.UTF_8));
            tar.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the host-tools root filesystem: " + e.getMessage(), e);
        }
    }

    /**
     * Root, and {@code sandbox} for the user sandboxes run as ({@link SandboxUser}): tools of the host that look up
     * their user (ssh, git) find one. When the image is built by a user other than root, that is the builder's own
     * id; {@code ironbox}, the id sandboxes of root get, is there too.
     */
    static String passwd(SandboxUser user) {
        StringBuilder passwd = new StringBuilder("root:x:0:0:root:/root:/bin/sh\n");
        passwd.append("sandbox:x:").append(user.uid()).append(':').append(user.gid()).append(":sandbox:/tmp:/bin/sh\n");
        if (user.isCaller()) {
            passwd.append("ironbox:x:").append(SandboxUser.DEDICATED_ID).append(':').append(SandboxUser.DEDICATED_ID)
                    .append(":ironbox sandbox:/tmp:/bin/sh\n");
        }
        return passwd.toString();
    }

    static String group(SandboxUser user) {
        StringBuilder group = new StringBuilder("root:x:0:\n");
        group.append("sandbox:x:").append(user.gid()).append(":\n");
        if (user.isCaller() && user.gid() != SandboxUser.DEDICATED_ID) {
            group.append("ironbox:x:").append(SandboxUser.DEDICATED_ID).append(":\n");
        }
        return group.toString();
    }

    private static void mountPoint(TarWriter tar, Path host, String name) throws IOException {
        if (Files.isSymbolicLink(host)) {
            tar.symlink(name, Files.readSymbolicLink(host).toString());
        } else if (Files.isDirectory(host)) {
            tar.directory(name, 0755);
        } else if (Files.isRegularFile(host)) {
            tar.file(name, 0644, new byte[0]);
        }
    }

    private static List<String> allPaths() {
        List<String> all = new ArrayList<>(TOP_LEVEL);
        all.addAll(CONFIGURATION);
        return all;
    }

    private static Path onHost(Path hostRoot, String absolute) {
        return hostRoot.resolve(absolute.substring(1));
    }
}
