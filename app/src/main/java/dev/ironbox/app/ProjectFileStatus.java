package dev.ironbox.app;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.settings.Setting;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A project's {@code ./ironbox.toml} as read: whether the person trusts this content, and which of its keys need
 * that trust because they would let a run do more ({@link Widening}).
 *
 * @param path the file, where it was found
 * @param sha256 the SHA-256 of the content read
 * @param trusted whether this content at this place is in the trust store
 * @param needingTrust the keys that apply only when trusted, with their values (in key order)
 * @param tableKeysNeedingTrust the keys of runtime tables ({@code kubernetes.namespace}) that apply only when
 *     trusted, with their values as displayed
 */
record ProjectFileStatus(Path path, String sha256, boolean trusted, Map<ConfigKey, Setting<?>> needingTrust,
        Map<String, String> tableKeysNeedingTrust) {

    ProjectFileStatus {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        needingTrust = needingTrust.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(needingTrust));
        tableKeysNeedingTrust = Collections.unmodifiableMap(new TreeMap<>(tableKeysNeedingTrust));
    }

    /** Without runtime tables. */
    ProjectFileStatus(Path path, String sha256, boolean trusted, Map<ConfigKey, Setting<?>> needingTrust) {
        this(path, sha256, trusted, needingTrust, Map.of());
    }

    /** The first key of runtime {@code id}'s table that is held back, when one is. */
    Optional<String> withheldTableKey(String id) {
        return trusted ? Optional.empty() : tableKeysNeedingTrust.keySet().stream()
                .filter(key -> key.startsWith(id + ".")).findFirst();
    }

    /** As {@link #refusal(ConfigKey)}, for a runtime table's key ({@code kubernetes.namespace}). */
    InvalidConfigurationException refusal(String tableKey) {
        return new InvalidConfigurationException("./" + path.getFileName() + " sets " + tableKey + " = "
                + tableKeysNeedingTrust.get(tableKey) + " but is not trusted; review it, then run 'ironbox config "
                + "trust' to apply it ('ironbox config show' lists what it would change)");
    }

    boolean withholds(ConfigKey key) {
        return !trusted && needingTrust.containsKey(key);
    }

    /** {@code run.policy = workspace_write, network.allow-domains = [127.0.0.0/8]}. */
    String describe(Map<ConfigKey, Setting<?>> keys) {
        return new EnumMap<>(keys).entrySet().stream()
                .map(e -> e.getKey().key() + " = " + ConfigKey.display(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /**
     * The one line that refuses a run which would use {@code key}'s value: a demanding user would rather be told
     * than silently get other settings.
     */
    InvalidConfigurationException refusal(ConfigKey key) {
        String instead = key.isRunOption() ? ", or give " + key.setting().option() + " to choose yourself" : "";
        return new InvalidConfigurationException("./" + path.getFileName() + " sets " + key.key() + " = "
                + ConfigKey.display(needingTrust.get(key)) + " but is not trusted; review it, then run 'ironbox "
                + "config trust' to apply it" + instead + " ('ironbox config show' lists what it would change)");
    }
}
