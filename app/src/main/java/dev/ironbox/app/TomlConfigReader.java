package dev.ironbox.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.ironbox.core.error.InvalidConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the TOML config file strictly: a syntax error names the file, line, column and what went wrong; an unknown
 * key is named, never ignored; a value of the wrong type names the key and the type expected; a value Ironbox cannot
 * use (a malformed allowlist entry or credential, a missing CA file) names the key, the file and the problem; so does
 * a key the file may not set ({@link ConfigFileLimits}).
 * Thread-safe.
 */
final class TomlConfigReader {

    private final TomlMapper mapper = new TomlMapper();

    /**
     * @throws InvalidConfigurationException when the file cannot be read, says something Ironbox does not know, or
     *     sets what it may not ({@link ConfigFileLimits})
     */
    IronboxConfig read(ConfigFile found) {
        Path file = found.path();
        JsonNode root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = mapper.readTree(reader);
        } catch (JacksonException e) {
            // the parser notices a duplicate key only at the end of the file: find and name it ourselves
            Optional<String> duplicate = DuplicateKeys.describe(file);
            if (duplicate.isPresent() && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate key")) {
                throw new InvalidConfigurationException("invalid config file " + file + ", " + duplicate.get(), e);
            }
            throw new InvalidConfigurationException("invalid config file " + file + where(e.getLocation()) + ": "
                    + explain(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
        if (root != null) {
            collect("", root, found, values);
        }
        return new IronboxConfig(Optional.of(found), values);
    }

    /** Walks tables into dotted keys ({@code run.timeout}) and checks each leaf against {@link ConfigKey}. */
    private static void collect(String prefix, JsonNode table, ConfigFile found, Map<ConfigKey, Object> values) {
        Path file = found.path();
        for (Map.Entry<String, JsonNode> field : table.properties()) {
            String name = prefix + field.getKey();
            ConfigFileLimits.refuseFlagOnly(name, file);
            Optional<ConfigKey> key = ConfigKey.named(name);
            if (key.isEmpty() && field.getValue().isObject()) {
                collect(name + ".", field.getValue(), found, values);
                continue;
            }
            ConfigKey known = key.orElseThrow(() -> unknown(name, file));
            ConfigFileLimits.checkOrigin(known, found);
            Object value = known.type().read(field.getValue()).orElseThrow(() -> new InvalidConfigurationException(
                    "key '" + name + "' in " + file + " must be " + known.type().description() + ", not "
                            + ConfigValueType.describe(field.getValue())
                            + " (e.g. " + known.example() + ")"));
            try {
                values.put(known, known.convert(value, file));
            } catch (InvalidConfigurationException e) {
                throw new InvalidConfigurationException("key '" + name + "' in " + file + ": " + e.getMessage(), e);
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
