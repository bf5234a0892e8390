package dev.ironbox.app;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.Durations;
import dev.ironbox.core.model.SandboxPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads the config file's run options into the typed values a flag would give, with the checks the command line
 * makes. Each error is the problem only: the reader adds the key and the file.
 */
final class RunKeyValues {

    private static final Duration MIN_TTL = Duration.ofSeconds(2);

    private RunKeyValues() {}

    /** {@code rw} or {@code workspace_write}: the policy. */
    static SandboxPolicy policy(String text) {
        return SandboxPolicy.parse(text);
    }

    static String image(String text) {
        if (text.isBlank()) {
            throw new InvalidConfigurationException("an image name cannot be empty");
        }
        return text.strip();
    }

    /** {@code 30s}, {@code 2m}: a positive duration. */
    static Duration duration(String text) {
        return Durations.parsePositive("value", text);
    }

    static Duration maxLifetime(String text) {
        Duration duration = Durations.parsePositive("value", text);
        if (duration.compareTo(MIN_TTL) < 0) {
            throw new InvalidConfigurationException("a session's max lifetime must be at least 2s, got '" + text + "'");
        }
        return duration;
    }

    static Duration ttl(String text) {
        Duration duration = Durations.parsePositive("value", text);
        if (duration.compareTo(MIN_TTL) < 0) {
            throw new InvalidConfigurationException("a session TTL must be at least 2s, got '" + text + "'");
        }
        return duration;
    }

    /** {@code 512m}, {@code 1g}: a byte size. */
    static ByteSize size(String text) {
        return ByteSize.parse("value", text);
    }

    static double cpus(double cpus) {
        if (!(cpus > 0) || !Double.isFinite(cpus)) {
            throw new InvalidConfigurationException("expected a positive number of cores (e.g. 1 or 0.5), got " + cpus);
        }
        return cpus;
    }

    static long pids(long pids) {
        if (pids <= 0) {
            throw new InvalidConfigurationException("expected a positive whole number (e.g. 512), got " + pids);
        }
        return pids;
    }

    /** {@code NAME=VALUE} pairs with a non-empty NAME. */
    static List<String> env(List<String> pairs) {
        for (String pair : pairs) {
            if (pair.indexOf('=') <= 0) {
                throw new InvalidConfigurationException("'" + pair + "' is not NAME=VALUE with a non-empty NAME");
            }
        }
        return List.copyOf(pairs);
    }

    /** An existing directory, relative to the file's directory: its absolute path. */
    static Path directory(String text, Path file) {
        Path path = resolve(text, file);
        if (text.isBlank() || !Files.exists(path)) {
            throw new InvalidConfigurationException("no such directory '" + text + "'"
                    + (text.equals(path.toString()) ? "" : " (" + path + ")"));
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidConfigurationException("'" + text + "' is not a directory");
        }
        return path;
    }

    /**
     * An existing directory that is the file's own directory or below it, symlinks followed: its real path. A file
     * may be a checked-out project's, and a workspace elsewhere ({@code ../..}, the user's home) would hand the
     * sandbox, perhaps writable, whatever the project chose.
     */
    static Path workspace(String text, Path file) {
        Path path = directory(text, file);
        Path real = real(path);
        Path home = real(file.toAbsolutePath().getParent());
        if (!real.startsWith(home)) {
            throw new InvalidConfigurationException("'" + text + "' (" + real + ") is outside " + home
                    + ", the config file's directory: a config file's workspace must be its own directory or one "
                    + "below it; give --workspace on the command line for another");
        }
        return real;
    }

    /** An existing, readable regular file, relative to the file's directory. */
    static Path readableFile(String text, Path file) {
        Path path = resolve(text, file);
        if (text.isBlank() || !Files.exists(path)) {
            throw new InvalidConfigurationException("no such file '" + text + "'"
                    + (text.equals(path.toString()) ? "" : " (" + path + ")"));
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidConfigurationException("'" + text + "' is not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new InvalidConfigurationException("'" + text + "' is not readable");
        }
        return path;
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }

    private static Path resolve(String text, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            return (dir == null ? Path.of(text) : dir.resolve(text)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("'" + text + "' is not a valid path: " + e.getMessage(), e);
        }
    }
}
