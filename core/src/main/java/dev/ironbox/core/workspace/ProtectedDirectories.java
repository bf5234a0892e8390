package dev.ironbox.core.workspace;

import dev.ironbox.core.model.EngineInfo;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host directories no workspace may be, be inside, or contain: what a sandbox given them would control or read —
 * the engines' sockets and state, the system's configuration, programs, logs and kernel filesystems, and the caller's
 * home with its secrets. Reads the host's environment ({@code user.home}, {@code HOME}, {@code XDG_RUNTIME_DIR}) and
 * resolves links, so a link to one of them is one of them.
 */
final class ProtectedDirectories {

    /**
     * One protected directory.
     *
     * @param path as written (the message names it)
     * @param what what it holds, for the message
     * @param subtree whether everything below it is protected too (the home itself is, its projects are not)
     */
    record Protected(Path path, String what, boolean subtree) {

        /** {@link #path()}, and its real path when that differs (e.g. {@code /var/run} is {@code /run}). */
        List<Path> forms() {
            List<Path> forms = new ArrayList<>(List.of(path.toAbsolutePath().normalize()));
            try {
                Path real = path.toRealPath();
                if (!forms.contains(real)) {
                    forms.add(real);
                }
            } catch (IOException | SecurityException absent) {
                // a directory that does not exist protects nothing more than its name
            }
            return forms;
        }
    }

    private static final String PROGRAMS = "the host's programs and libraries";
    private static final String KERNEL = "a kernel filesystem";

    /** Engine sockets a sandbox must never see, whichever engine runs it (uid 1000 may own a rootless one). */
    private static final List<Path> KNOWN_SOCKETS = List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"),
            Path.of("/run/podman/podman.sock"), Path.of("/run/containerd/containerd.sock"),
            Path.of("/run/user/1000/podman/podman.sock"), Path.of("/run/user/1000/docker.sock"));

    /** Below the caller's home: keys, tokens and the engines' own state. */
    private static final Map<String, String> HOME_SECRETS = Map.of(
            ".ssh", "SSH keys",
            ".gnupg", "GnuPG keys",
            ".config", "application settings and tokens",
            ".docker", "Docker's credentials and sockets",
            ".kube", "Kubernetes credentials",
            ".aws", "AWS credentials",
            ".local/share/containers", "Podman's storage",
            ".local/share/docker", "rootless Docker's storage");

    private ProtectedDirectories() {}

    /**
     * Every protected directory for a sandbox of {@code engine}, the engines' sockets first (so a message names the
     * socket rather than the system directory that holds it).
     */
    static List<Protected> forEngine(EngineInfo engine) {
        List<Protected> all = new ArrayList<>();
        List<Path> sockets = new ArrayList<>(KNOWN_SOCKETS);
        engine.socket().ifPresent(sockets::add);
        environmentPath("XDG_RUNTIME_DIR").ifPresent(dir -> sockets.add(dir.resolve("podman/podman.sock")));
        // the deepest first, so that /run/podman is named for Podman's socket, not as part of /run for Docker's
        sockets.sort(Comparator.comparingInt((Path socket) -> socket.normalize().getNameCount()).reversed());
        for (Path socket : sockets) {
            Path directory = socket.toAbsolutePath().normalize().getParent();
            if (directory != null && directory.getParent() != null) {
                all.add(new Protected(directory, "the directory of the engine socket " + socket, true));
            }
        }
        all.add(new Protected(Path.of("/"), "the root directory: the whole host", false));
        all.add(subtree("/proc", KERNEL));
        all.add(subtree("/sys", KERNEL));
        all.add(subtree("/dev", KERNEL));
        all.add(subtree("/etc", "the host's configuration"));
        all.add(subtree("/boot", "the kernel and boot loader"));
        all.add(subtree("/run", "the host's runtime state and sockets"));
        all.add(subtree("/var/run", "the host's runtime state and sockets"));
        all.add(subtree("/var/lib", "the state of the engines and packages: docker, containers, containerd, kubelet"));
        all.add(subtree("/var/log", "the host's logs"));
        for (String dir : List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            all.add(subtree(dir, PROGRAMS));
        }
        List<Path> homes = homes();
        if (!homes.contains(Path.of("/root"))) {
            all.add(subtree("/root", "root's home"));
        }
        for (Path home : homes) {
            all.add(new Protected(home, "your home: every secret in it", false));
            HOME_SECRETS.forEach((name, what) -> all.add(new Protected(home.resolve(name), what, true)));
        }
        return all;
    }

    /** The caller's home as the JVM knows it (from the password database) and as {@code HOME} says, when they differ. */
    static List<Path> homes() {
        List<Path> homes = new ArrayList<>();
        Optional.ofNullable(System.getProperty("user.home")).flatMap(ProtectedDirectories::absolute)
                .ifPresent(homes::add);
        environmentPath("HOME").filter(home -> !homes.contains(home)).ifPresent(homes::add);
        return homes;
    }

    private static Protected subtree(String path, String what) {
        return new Protected(Path.of(path), what, true);
    }

    private static Optional<Path> environmentPath(String variable) {
        return Optional.ofNullable(System.getenv(variable)).flatMap(ProtectedDirectories::absolute);
    }

    private static Optional<Path> absolute(String text) {
        try {
            Path path = Path.of(text);
            return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
