package dev.ironbox.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.RuntimeSettings;
import dev.ironbox.core.settings.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the TOML config file strictly: a syntax error names the file, line, column and what went wrong; an unknown
 * key is named, never ignored; a value of the wrong type names the key and the type expected; a value Ironbox cannot
 * use (a malformed allowlist entry or credential, a missing CA file) names the key, the file and the problem; so does
 * a key the file may not set ({@link ConfigFileLimits}). A table named after an installed runtime ({@code [kubernetes]})
 * is that runtime's settings ({@link RuntimeTables}).
 * Thread-safe.
 */
final class TomlConfigReader {

    /** Far more than any real config file; a bound on what a planted file can make Ironbox read. */
    static final int MAX_BYTES = 256 * 1024;

    private final RuntimeTables runtimeTables;

    /** A reader that knows no runtime's table. */
    TomlConfigReader() {
        this(RuntimeTables.NONE);
    }

    /** @param runtimeTables the tables of the installed runtimes ({@code [kubernetes]}) */
    TomlConfigReader(RuntimeTables runtimeTables) {
        this.runtimeTables = runtimeTables;
    }

    /**
     * The file alone, all of it applied: for a file the user chose or owns. A project's {@code ./ironbox.toml} goes
     * through {@link ConfigLayers}, which holds back what it may not set until it is trusted.
     *
     * @throws InvalidConfigurationException as {@link #parse}
     * @throws IllegalArgumentException for a project's file
     */
    IronboxConfig read(ConfigFile found) {
        if (found.origin() == ConfigFile.Origin.PROJECT) {
            throw new IllegalArgumentException("a project's config file is read with its trust: " + found.path());
        }
        return ConfigLayers.of(List.of(parse(found)));
    }

    /**
     * Reads the file once (at most {@value #MAX_BYTES} bytes), hashes those bytes and parses them.
     *
     * @throws InvalidConfigurationException when the file cannot be read, is too large, says something Ironbox does
     *     not know, or sets what it may not ({@link ConfigFileLimits})
     */
    ConfigFileContent parse(ConfigFile found) {
        Path file = found.path();
        byte[] bytes = bytes(file);
        JsonNode root;
        try {
            root = Toml.mapper().readTree(bytes);
        } catch (JacksonException e) {
            // the parser notices a duplicate key only at the end of the file: find and name it ourselves
            Optional<String> duplicate = DuplicateKeys.describe(new String(bytes, StandardCharsets.UTF_8).lines()
                    .toList());
            if (duplicate.isPresent() && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate key")) {
                throw new InvalidConfigurationException("invalid config file " + file + ", " + duplicate.get(), e);
            }
            throw new InvalidConfigurationException("invalid config file " + file + where(e.getLocation()) + ": "
                    + explain(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<ConfigKey, Setting<?>> values = new EnumMap<>(ConfigKey.class);
        Map<String, RuntimeSettings> tables = new TreeMap<>();
        if (root != null) {
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            collect("", root, found, lines, values, tables);
        }
        return new ConfigFileContent(found, sha256(bytes), values, tables);
    }

    /** The file's bytes, read once; a file larger than any config needs (e.g. planted to exhaust memory) is refused. */
    private static byte[] bytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InvalidConfigurationException("config file " + file + " is larger than " + MAX_BYTES
                        + " bytes: not a config file");
            }
            return bytes;
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Walks tables into dotted keys ({@code run.timeout}) and reads each leaf into its typed setting
     * ({@link ConfigKey#read}): the one place a file's value is checked and typed.
     */
    private void collect(String prefix, JsonNode table, ConfigFile found, List<String> lines,
            Map<ConfigKey, Setting<?>> values, Map<String, RuntimeSettings> tables) {
        Path file = found.path();
        for (Map.Entry<String, JsonNode> field : table.properties()) {
            String name = prefix + field.getKey();
            ConfigFileLimits.refuseFlagOnly(name, file);
            Optional<ConfigKey> key = ConfigKey.named(name);
            if (key.isEmpty() && field.getValue().isObject() && prefix.isEmpty() && !ConfigKey.isTable(name)
                    && runtimeTables.isRuntimeTable(name)) {
                tables.put(name, runtimeTables.read(name, field.getValue(), file, lines));
                continue;
            }
            if (key.isEmpty() && field.getValue().isObject()) {
                collect(name + ".", field.getValue(), found, lines, values, tables);
                continue;
            }
            ConfigKey known = key.orElseThrow(() -> unknown(name, file));
            ConfigFileLimits.checkOrigin(known, found);
            String place = file + (known.namesLine() ? DuplicateKeys.line(lines, name).stream()
                    .mapToObj(line -> ", line " + line).findFirst().orElse("") : "");
            Object value = known.type().read(field.getValue()).orElseThrow(() -> new InvalidConfigurationException(
                    "key '" + name + "' in " + place + " must be " + known.type().description() + ", not "
                            + ConfigValueType.describe(field.getValue())
                            + " (e.g. " + known.example() + ")"));
            try {
                values.put(known, known.read(value, file));
            } catch (InvalidConfigurationException e) {
                throw new InvalidConfigurationException("key '" + name + "' in " + place + ": " + e.getMessage(), e);
            }
        }
    }

    private static InvalidConfigurationException unknown(String name, Path file) {
        String hint = ConfigKey.similar(name).map(k -> " (did you mean '" + k.key() + "'"
                + (k.key().contains(".") ? ", in the [" + k.key().substring(0, k.key().lastIndexOf('.')) + "] table"
                : "") + "?)").orElse("");
        return new InvalidConfigurationException("unknown key '" + name + "' in " + file + hint + "; known keys: "
                + ConfigKey.knownKeys());
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return ", line " + location.getLineNr() + (location.getColumnNr() > 0 ? ", column " + location.getColumnNr() : "");
    }

    /** The parser's words, with hints for common mistakes: a string without quotes, a table defined twice. */
    private static String explain(String message) {
        String text = message == null || message.isBlank() ? "syntax error" : message.strip();
        if (text.equals("Unknown token")) {
            return "unexpected text; expected a TOML value (a string needs double quotes, e.g. runtime = \"podman\")";
        }
        if (text.equals("Table redefined")) {
            return "table defined twice (two [table] headers, or a header and dotted keys such as"
                    + " network.allow-domains); put its keys under one [table] header";
        }
        return text;
    }
}
