package dev.ironbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.egress.AllowRule;
import dev.ironbox.core.model.egress.CredentialMapping;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of the config file, the TOML type each takes and what its value becomes. A new setting is one more
 * constant here and one accessor on {@link IronboxConfig}; a key in a table is written with dots ({@code run.timeout}).
 *
 * <p>Egress settings live in the {@code [network]} table (or as dotted keys, {@code network.allow-domains = [...]}):
 * <pre>
 * runtime = "podman"
 *
 * [network]
 * allow-domains = ["api.example.com", "*.example.org:8443", "10.1.2.0/24"]  # added to the default allowlist
 * credentials = ["api.example.com=EXAMPLE_KEY,header=x-api-key"]         # HOST=ENV_VAR[,KIND][,optional]
 * default-domains = false        # true: always the default allowlist; false: only the entries above
 * upstream-ca = "certs/ca.pem"   # relative to this file's directory
 * </pre>
 * Entries are parsed as on the command line ({@code --allow-domain}, {@code --credential}); a malformed one names the
 * key, the file and the entry. The command line's flags add to these settings.
 */
enum ConfigKey {

    /** The runtime id, or {@code auto}: {@code runtime = "podman"}. */
    RUNTIME("runtime", ValueType.STRING, "runtime = \"podman\"") {
        @Override
        Object convert(Object value, Path file) {
            return value;
        }
    },

    /** Allowlist entries ({@link AllowRule#parse}), kept as written: a {@code List<String>}. */
    ALLOW_DOMAINS("network.allow-domains", ValueType.STRINGS,
            "[network] allow-domains = [\"example.com\", \"*.example.org:8443\"]") {
        @Override
        Object convert(Object value, Path file) {
            List<String> entries = strings(value);
            entries.forEach(AllowRule::parse);
            return entries;
        }
    },

    /** Credential mappings ({@link CredentialMapping#parse}): a {@code List<CredentialMapping>}. */
    CREDENTIALS("network.credentials", ValueType.STRINGS,
            "[network] credentials = [\"api.example.com=EXAMPLE_KEY,header=x-api-key\"]") {
        @Override
        Object convert(Object value, Path file) {
            return strings(value).stream().map(CredentialMapping::parse).toList();
        }
    },

    /** Whether the seed's default allowlist and credentials are included: a {@code Boolean}. */
    DEFAULT_DOMAINS("network.default-domains", ValueType.BOOLEAN, "[network] default-domains = false") {
        @Override
        Object convert(Object value, Path file) {
            return value;
        }
    },

    /** An extra CA for upstream TLS: an absolute, readable {@code Path}, relative ones against the file's directory. */
    UPSTREAM_CA("network.upstream-ca", ValueType.STRING, "[network] upstream-ca = \"/etc/ironbox/upstream-ca.pem\"") {
        @Override
        Object convert(Object value, Path file) {
            return readableFile((String) value, file);
        }
    };

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

    /**
     * The setting {@code value} (of {@link #type()}) stands for, read from {@code file}.
     *
     * @throws InvalidConfigurationException with the problem (the caller adds the key and file)
     */
    abstract Object convert(Object value, Path file);

    static Optional<ConfigKey> named(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The known key whose last part is {@code key}'s last part, for "did you mean" hints. */
    static Optional<ConfigKey> similar(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        return Arrays.stream(values()).filter(k -> k.key.substring(k.key.lastIndexOf('.') + 1).equals(last))
                .findFirst();
    }

    /** {@code runtime, ...}, for error messages. */
    static String knownKeys() {
        return Arrays.stream(values()).map(ConfigKey::key).collect(Collectors.joining(", "));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return List.copyOf((List<String>) value);
    }

    private static Path readableFile(String text, Path file) {
        Path path;
        try {
            Path dir = file.toAbsolutePath().getParent();
            path = (dir == null ? Path.of(text) : dir.resolve(text)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("'" + text + "' is not a valid path: " + e.getMessage(), e);
        }
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

    /** The TOML value types a key can take, with the Java value each becomes. */
    enum ValueType {
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
        BOOLEAN("a boolean") {
            @Override
            Optional<Object> read(JsonNode node) {
                return node.isBoolean() ? Optional.of(node.booleanValue()) : Optional.empty();
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
}
