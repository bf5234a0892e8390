package dev.ironbox.core.settings;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A project's {@code ./ironbox.toml} and the person's trust in it. The file is data a sandbox (or a cloned
 * repository) can write, so its settings that would let a run do more apply only once a person trusted this exact
 * content ({@code ironbox config trust}).
 *
 * @param path the file
 * @param sha256 the SHA-256 of the content read (lower-case hex), as {@code sha256sum} prints it
 * @param trusted whether this content, at this place, is trusted
 * @param needingTrust the settings it sets that apply only when trusted: name ({@code run.policy}) to value as
 *     displayed, in the config file's order
 */
public record ProjectFileTrust(Path path, String sha256, boolean trusted, Map<String, String> needingTrust) {

    public ProjectFileTrust {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        needingTrust = Collections.unmodifiableMap(new LinkedHashMap<>(needingTrust));
    }

    /** The settings that were not applied: those needing trust, when it is not trusted. */
    public Map<String, String> notApplied() {
        return trusted ? Map.of() : needingTrust;
    }
}
