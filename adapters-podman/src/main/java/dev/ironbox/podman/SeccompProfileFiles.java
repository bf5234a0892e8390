package dev.ironbox.podman;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.SeccompProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seccomp profiles as files Podman can read: libpod's {@code SpecGenerator} takes a path on the engine's host
 * ({@code seccomp_profile_path}), not the JSON. Each profile is written once, to {@code <sha256>.json} in a private
 * directory of this user: {@code $XDG_RUNTIME_DIR/ironbox/seccomp} when that is set, else
 * {@code $XDG_CACHE_HOME/ironbox/seccomp} (by default {@code ~/.cache/ironbox/seccomp}) — never a predictable name in
 * a world-writable place. The engine can read it: {@link PodmanRuntime} talks only to a local engine, which runs as
 * this user (rootless) or as root.
 *
 * <p>Before a file is used, the {@code ironbox} and {@code seccomp} directories must be real directories (not links)
 * owned by this process's user, {@code ironbox} writable by it alone and {@code seccomp} private to it (else the
 * profile is refused, naming the directory), and the file a regular file of this user's, readable by it alone, holding
 * exactly the profile (else a fresh temporary file is moved over it). Thread-safe; concurrent Ironbox processes write the same content.
 */
final class SeccompProfileFiles {

    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** Others may look into {@code ironbox} (another part of Ironbox may share it), but not change it. */
    private static final Set<PosixFilePermission> OWN_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path base;
    private final Map<String, Path> written = new ConcurrentHashMap<>();

    /** @param base the directory that holds (or will hold) {@code ironbox/seccomp} */
    SeccompProfileFiles(Path base) {
        this.base = base.toAbsolutePath();
    }

    /** Under {@code $XDG_RUNTIME_DIR}, else the user's cache directory. */
    static SeccompProfileFiles forCurrentUser() {
        return new SeccompProfileFiles(baseDirectory(System.getenv(), System.getProperty("user.home")));
    }

    static Path baseDirectory(Map<String, String> env, String home) {
        for (String variable : new String[] {"XDG_RUNTIME_DIR", "XDG_CACHE_HOME"}) {
            String value = env.get(variable);
            if (value != null && value.startsWith("/")) {
                return Path.of(value);
            }
        }
        return Path.of(home, ".cache");
    }

    /**
     * The file that holds {@code profile}, written on first use.
     *
     * @throws ContainerFailureException when it cannot be written safely
     */
    Path pathOf(SeccompProfile profile) {
        return written.computeIfAbsent(profile.sha256(), sha256 -> write(profile, sha256));
    }

    private Path write(SeccompProfile profile, String sha256) {
        Path directory = base.resolve("ironbox").resolve("seccomp");
        Path file = directory.resolve(sha256 + ".json");
        byte[] content = profile.json().getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
            int uid = ownUid();
            require(directory.getParent(), uid, true, OWN_DIRECTORY);
            require(directory, uid, true, PRIVATE_DIRECTORY);
            if (holds(file, uid, content)) {
                return file;
            }
            Path temporary = Files.createTempFile(directory, sha256, ".tmp",
                    PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
            try {
                Files.write(temporary, content);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
            if (!holds(file, uid, content)) {
                throw new IOException("it changed while it was written");
            }
            return file;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new ContainerFailureException("cannot write Ironbox's seccomp profile for Podman to " + file + ": "
                    + Errors.reason(e), e);
        }
    }

    /** Whether {@code file} is this user's private regular file with exactly {@code content}. */
    private static boolean holds(Path file, int uid, byte[] content) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            require(file, uid, false, PRIVATE_FILE);
        } catch (IOException e) {
            return false; // replaced by the move; a link is replaced, not followed
        }
        return Arrays.equals(Files.readAllBytes(file), content);
    }

    /**
     * @throws IOException naming the problem when {@code path} is not this user's, or has a permission beyond
     *     {@code allowed}
     */
    private static void require(Path path, int uid, boolean directory, Set<PosixFilePermission> allowed)
            throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (directory ? !attributes.isDirectory() : !attributes.isRegularFile()) {
            throw new IOException(path + " is not a " + (directory ? "directory" : "regular file"));
        }
        int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != uid) {
            throw new IOException(path + " belongs to uid " + owner + ", not to this user (uid " + uid + ")");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (!allowed.containsAll(permissions)) {
            throw new IOException(path + " is open to others (" + PosixFilePermissions.toString(permissions)
                    + "); at most " + PosixFilePermissions.toString(allowed) + " is safe");
        }
    }

    /** This process's effective uid: the owner of its {@code /proc} directory. */
    private static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
