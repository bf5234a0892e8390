package dev.ironbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of the config file and the TOML type each takes. A new setting is one more constant here and one
 * accessor on {@link IronboxConfig}; a key in a table is written with dots ({@code run.timeout}).
 */
enum ConfigKey {

    /** The runtime id, or {@code auto}: {@code runtime = "podman"}. */
    RUNTIME("runtime", ValueType.STRING, "runtime = \"podman\"");

    private final String key;
    private final ValueType type;
    private final String example;

    ConfigKey(String key, ValueType type, String example) {
        this.key = key;
        this.type = type;
        this.example = example;
    }

    String key() {
        return key;
    }

    ValueType type() {
        return type;
    }

    /** A line that sets it, for error messages. */
    String example() {
        return example;
    }

    static Optional<ConfigKey> named(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** {@code runtime, ...}, for error messages. */
    static String knownKeys() {
        return Arrays.stream(values()).map(ConfigKey::key).collect(Collectors.joining(", "));
    }

    /** The TOML value types a key can take, with the Java value each becomes. */
    enum ValueType {
        STRING("a string") {
            @Override
            Optional<Object> read(JsonNode node) {
                return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
            }
        };

        private final String description;

        ValueType(String description) {
            this.description = description;
        }

        /** {@code a string}. */
        String description() {
            return description;
        }

        /** The value, or empty when {@code node} is of another type. */
        abstract Optional<Object> read(JsonNode node);

        /** What a TOML value is, for "expected a string, got an integer". */
        static String describe(JsonNode node) {
            if (node.isTextual()) {
                return "a string";
            }
            if (node.isBoolean()) {
                return "a boolean";
            }
            if (node.isIntegralNumber()) {
                return "an integer";
            }
            if (node.isNumber()) {
                return "a float";
            }
            if (node.isArray()) {
                return "an array";
            }
            return node.isObject() ? "a table" : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
