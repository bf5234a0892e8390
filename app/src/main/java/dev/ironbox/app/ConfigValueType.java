package dev.ironbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The TOML value types a config key can take, with the Java value each becomes. */
enum ConfigValueType {
    STRING("a string") {
        @Override
        Optional<Object> read(JsonNode node) {
            return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
        }
    },
    STRINGS("an array of strings") {
        @Override
        Optional<Object> read(JsonNode node) {
            if (!node.isArray()) {
                return Optional.empty();
            }
            List<String> strings = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return Optional.empty();
                }
                strings.add(element.textValue());
            }
            return Optional.of(List.copyOf(strings));
        }
    },
    INTEGER("an integer") {
        @Override
        Optional<Object> read(JsonNode node) {
            return node.isIntegralNumber() ? Optional.of(node.longValue()) : Optional.empty();
        }
    },
    NUMBER("a number") {
        @Override
        Optional<Object> read(JsonNode node) {
            return node.isNumber() ? Optional.of(node.doubleValue()) : Optional.empty();
        }
    },
    BOOLEAN("a boolean") {
        @Override
        Optional<Object> read(JsonNode node) {
            return node.isBoolean() ? Optional.of(node.booleanValue()) : Optional.empty();
        }
    };

    private final String description;

    ConfigValueType(String description) {
        this.description = description;
    }

    /** {@code a string}. */
    String description() {
        return description;
    }

    /** The value, or empty when {@code node} is of another type. */
    abstract Optional<Object> read(JsonNode node);

    /** What a TOML value is, for "expected a string, got an integer" or "... got an array holding a table". */
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
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return "an array holding " + describe(element);
                }
            }
            return "an array";
        }
        return node.isObject() ? "a table" : "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
