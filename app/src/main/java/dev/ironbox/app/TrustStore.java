package dev.ironbox.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ironbox.core.error.InvalidConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The project config files a person trusted ({@code ironbox config trust}), as {@code direnv allow} keeps them: each
 * by the real path of where it was found and the SHA-256 of the content that was reviewed, in
 * {@code $XDG_CONFIG_HOME/ironbox/trusted.toml}. A file whose bytes changed is untrusted again. The store lives in
 * the user's own config area, outside any workspace, and is written atomically with mode 0600 (its directory 0700);
 * one that others may write is refused, as anyone who can write it can trust a file for the user.
 * Thread-safe; concurrent writers (two processes) are serialized by a lock file beside it.
 */
final class TrustStore {

    static final String FILE_NAME = "trusted.toml";

    private static final String HEADER = "# Project config files (./ironbox.toml) trusted with 'ironbox config trust':"
            + " where each was found\n# and the SHA-256 of the content that was reviewed. A file whose content"
            + " changed is untrusted again.\n# Written by Ironbox; 'ironbox config untrust FILE' removes one.\n";
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private final Path file;

    TrustStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** The store of the user whose environment this is: {@code $XDG_CONFIG_HOME/ironbox/trusted.toml}. */
    static TrustStore of(Map<String, String> environment) {
        return new TrustStore(ConfigLocation.userConfigHome(environment).resolve("ironbox").resolve(FILE_NAME));
    }

    Path file() {
        return file;
    }

    /**
     * Where a config file is, as trust records it: the real path of its directory and its own name. The last part is
     * not resolved: a link {@code ./ironbox.toml} to a file trusted elsewhere is not trusted here, as that content
     * was reviewed for another project.
     */
    static Path location(Path configFile) {
        Path absolute = configFile.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        try {
            return directory == null ? absolute : directory.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            return absolute;
        }
    }

    /** @throws InvalidConfigurationException when the store cannot be read, is broken, or others may write it */
    boolean trusts(Path location, String sha256) {
        return sha256.equals(entries().get(location.toString()));
    }

    /** Records {@code sha256} as the trusted content at {@code location}, replacing what was trusted there. */
    void trust(Path location, String sha256) {
        update(entries -> entries.put(location.toString(), sha256));
    }

    /** @return whether {@code location} was trusted */
    boolean untrust(Path location) {
        boolean[] removed = {false};
        update(entries -> removed[0] = entries.remove(location.toString()) != null);
        return removed[0];
    }

    /** Path to SHA-256, as stored; empty when there is no store yet. */
    Map<String, String> entries() {
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                return new LinkedHashMap<>();
            }
            refuseWritableByOthers(file);
            refuseWritableByOthers(file.getParent());
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read the trust store " + file + ": " + e.getMessage(), e);
        }
        try {
            Map<String, String> entries = new LinkedHashMap<>();
            JsonNode trusted = Toml.mapper().readTree(bytes).path("trusted");
            for (JsonNode entry : trusted) {
                String path = entry.path("path").asText("");
                String sha256 = entry.path("sha256").asText("");
                if (path.isEmpty() || !sha256.matches("[0-9a-f]{64}")) {
                    throw new InvalidConfigurationException("broken trust store " + file + ": an entry without a path"
                            + " or a SHA-256; fix or delete it and trust your project files again");
                }
                entries.put(path, sha256);
            }
            return entries;
        } catch (IOException e) {
            String problem = e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
            throw new InvalidConfigurationException("broken trust store " + file + ": " + problem
                    + "; fix or delete it and trust your project files again", e);
        }
    }

    private void update(Consumer<Map<String, String>> change) {
        try {
            Files.createDirectories(file.getParent(), privateTo("rwx------"));
            Path lock = file.resolveSibling(FILE_NAME + ".lock");
            try (FileChannel channel = FileChannel.open(lock, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), privateTo("rw-------")); FileLock held = channel.lock()) {
                Map<String, String> entries = entries();
                change.accept(entries);
                write(entries);
            }
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot write the trust store " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new file beside the store, then renamed over it: a reader sees the old store or the new one, never half. */
    private void write(Map<String, String> entries) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        entries.forEach((path, sha256) -> text.append("\n[[trusted]]\npath = ").append(tomlString(path))
                .append("\nsha256 = \"").append(sha256).append("\"\n"));
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".new", privateTo("rw-------"));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A TOML basic string: quotes, backslashes and control characters escaped. */
    static String tomlString(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04X", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }

    private static void refuseWritableByOthers(Path path) throws IOException {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.stream().anyMatch(OTHERS_WRITE::contains)) {
            throw new InvalidConfigurationException("the trust store " + path + " may be written by others ("
                    + PosixFilePermissions.toString(permissions) + "), who could trust a project file for you; "
                    + "make it writable by you alone (chmod go-w " + path + ")");
        }
    }

    private static FileAttribute<?>[] privateTo(String permissions) {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(permissions))} : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
