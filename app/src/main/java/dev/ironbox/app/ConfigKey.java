package dev.ironbox.app;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.egress.AllowRule;
import dev.ironbox.core.model.egress.CredentialMapping;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of the config file, the TOML type each takes and what its value becomes. A new setting is one more
 * constant here (and, for a run option, the flag it is the default of); a key in a table is written with dots
 * ({@code run.timeout}).
 *
 * <pre>
 * runtime = "podman"
 *
 * [run]                          # the defaults of the run options; a flag wins, --env adds to env
 * policy = "workspace_write"
 * workspace = "."                # relative to this file's directory; there or below it
 * image = "localhost/ironbox/busybox:1"
 * timeout = "2m"
 * memory = "1g"
 * cpus = 1.5
 * pids = 256
 * max-output = "1m"
 * env = ["CI=true"]
 *
 * [session]
 * ttl = "1h"
 * max-lifetime = "8h"            # the hard deadline of a session, idle or not
 *
 * [network]
 * allow-domains = ["api.example.com", "*.example.org:8443", "10.1.2.0/24"]  # added to the default allowlist
 * credentials = ["api.example.com=EXAMPLE_KEY,header=x-api-key"]         # HOST=ENV_VAR[,KIND][,optional]
 * default-domains = false        # true: always the default allowlist; false: only the entries above
 * upstream-ca = "certs/ca.pem"   # relative to this file's directory; not in ./ironbox.toml
 * </pre>
 * There is no {@code run.allow-full-access} (a flag only), and a project's {@code ./ironbox.toml} may not set
 * {@code credentials} or {@code upstream-ca}: {@link ConfigFileLimits} says what a file may not do. Each key also
 * names its {@link Widening} rule: which of its values a project's file may set only once trusted.
 * Values are checked as the command line checks its flags; a bad one names the key, the file and the problem.
 * A run option's value becomes the text its flag would take ({@link IronboxConfig#option}).
 */
enum ConfigKey {

    /** The runtime id, or {@code auto}: {@code runtime = "podman"}. */
    RUNTIME("runtime", ConfigValueType.STRING, "runtime = \"podman\"", null, Widening.RUNTIME,
            (value, file) -> value),

    RUN_POLICY("run.policy", ConfigValueType.STRING, "[run] policy = \"workspace_write\"", "--policy",
            Widening.POLICY, (value, file) -> RunKeyValues.policy((String) value)),
    RUN_WORKSPACE("run.workspace", ConfigValueType.STRING, "[run] workspace = \"project\"", "--workspace",
            Widening.WORKSPACE, (value, file) -> RunKeyValues.workspace((String) value, file)),
    RUN_IMAGE("run.image", ConfigValueType.STRING, "[run] image = \"localhost/ironbox/busybox:1\"", "--image",
            Widening.IMAGE, (value, file) -> RunKeyValues.image((String) value)),
    RUN_TIMEOUT("run.timeout", ConfigValueType.STRING, "[run] timeout = \"2m\"", "--timeout",
            Widening.TIMEOUT, (value, file) -> RunKeyValues.duration((String) value)),
    RUN_MEMORY("run.memory", ConfigValueType.STRING, "[run] memory = \"1g\"", "--memory",
            Widening.MEMORY, (value, file) -> RunKeyValues.size((String) value)),
    RUN_CPUS("run.cpus", ConfigValueType.NUMBER, "[run] cpus = 1.5", "--cpus",
            Widening.CPUS, (value, file) -> RunKeyValues.cpus((Double) value)),
    RUN_PIDS("run.pids", ConfigValueType.INTEGER, "[run] pids = 256", "--pids",
            Widening.PIDS, (value, file) -> RunKeyValues.pids((Long) value)),
    RUN_MAX_OUTPUT("run.max-output", ConfigValueType.STRING, "[run] max-output = \"1m\"", "--max-output",
            Widening.MAX_OUTPUT, (value, file) -> RunKeyValues.size((String) value)),
    /** {@code NAME=VALUE} pairs, a {@code List<String>}. */
    RUN_ENV("run.env", ConfigValueType.STRINGS, "[run] env = [\"CI=true\"]", "--env",
            Widening.ALWAYS, (value, file) -> RunKeyValues.env(strings(value))),

    /** A session's idle TTL (at least 2s). */
    SESSION_TTL("session.ttl", ConfigValueType.STRING, "[session] ttl = \"1h\"", "--ttl",
            Widening.TTL, (value, file) -> RunKeyValues.ttl((String) value)),
    /** A session's hard maximum lifetime (at least 2s), enforced from the host. */
    SESSION_MAX_LIFETIME("session.max-lifetime", ConfigValueType.STRING, "[session] max-lifetime = \"8h\"",
            "--max-lifetime", Widening.MAX_LIFETIME, (value, file) -> RunKeyValues.maxLifetime((String) value)),

    /** Allowlist entries ({@link AllowRule#parse}), kept as written: a {@code List<String>}. */
    ALLOW_DOMAINS("network.allow-domains", ConfigValueType.STRINGS,
            "[network] allow-domains = [\"example.com\", \"*.example.org:8443\"]", null, Widening.ALWAYS,
            (value, file) -> {
                List<String> entries = strings(value);
                entries.forEach(AllowRule::parse);
                return entries;
            }),

    /** Credential mappings ({@link CredentialMapping#parse}): a {@code List<CredentialMapping>}. */
    CREDENTIALS("network.credentials", ConfigValueType.STRINGS,
            "[network] credentials = [\"api.example.com=EXAMPLE_KEY,header=x-api-key\"]", null, Widening.ALWAYS,
            (value, file) -> strings(value).stream().map(CredentialMapping::parse).toList()),

    /** Whether the seed's default allowlist and credentials are included: a {@code Boolean}. */
    DEFAULT_DOMAINS("network.default-domains", ConfigValueType.BOOLEAN, "[network] default-domains = false", null,
            Widening.DEFAULT_DOMAINS, (value, file) -> value),

    /** An extra CA for upstream TLS: an absolute, readable {@code Path}, relative ones against the file's directory. */
    UPSTREAM_CA("network.upstream-ca", ConfigValueType.STRING,
            "[network] upstream-ca = \"/etc/ironbox/upstream-ca.pem\"", null, Widening.ALWAYS,
            (value, file) -> RunKeyValues.readableFile((String) value, file));

    /** What a key's value (of its {@link ConfigValueType}) stands for, read from a file. */
    @FunctionalInterface
    interface Converter {
        /** @throws InvalidConfigurationException with the problem (the caller adds the key and file) */
        Object convert(Object value, Path file);
    }

    private final String key;
    private final ConfigValueType type;
    private final String example;
    private final String option;
    private final Widening widening;
    private final Converter converter;

    ConfigKey(String key, ConfigValueType type, String example, String option, Widening widening,
            Converter converter) {
        this.key = key;
        this.type = type;
        this.example = example;
        this.option = option;
        this.widening = widening;
        this.converter = converter;
    }

    String key() {
        return key;
    }

    ConfigValueType type() {
        return type;
    }

    /** A line that sets it, for error messages. */
    String example() {
        return example;
    }

    /** The command-line flag whose default it is ({@code --timeout}), when it is a run or session option. */
    Optional<String> option() {
        return Optional.ofNullable(option);
    }

    /**
     * The setting {@code value} (of {@link #type()}) stands for, read from {@code file}.
     *
     * @throws InvalidConfigurationException with the problem (the caller adds the key and file)
     */
    Object convert(Object value, Path file) {
        return converter.convert(value, file);
    }

    /**
     * Whether {@code value}, from an untrusted project file, would let a run do more than {@code base} (the user's own
     * file's value, else the built-in default) allows ({@link Widening}).
     */
    boolean widens(Object value, Optional<Object> base, Path workingDirectory) {
        return widening.widens(value, base, workingDirectory);
    }

    /** {@code value} (of the converted type) for one line of a message: lists as {@code [a, b]}. */
    static String display(Object value) {
        String text = value instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"))
                : String.valueOf(value);
        // an untrusted file's text goes to the terminal: no control characters, and not a screenful
        String printable = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 100 ? printable : printable.substring(0, 97) + "...";
    }

    static Optional<ConfigKey> named(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The key whose value is the default of {@code option} ({@code --timeout}). */
    static Optional<ConfigKey> forOption(String option) {
        return Arrays.stream(values()).filter(k -> option.equals(k.option)).findFirst();
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
}
