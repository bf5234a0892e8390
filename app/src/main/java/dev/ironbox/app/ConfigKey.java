package dev.ironbox.app;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.egress.AllowRule;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.settings.Setting;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of the config file, the TOML type each takes and the typed setting ({@link SettingKey}) its value
 * becomes, checked once, here. A new setting is one more constant here (and one in {@link SettingKey}); a key in a
 * table is written with dots ({@code run.timeout}).
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
 *
 * [pool]                         # the Java API's warm one-shot pool; the CLI's one-shot commands run cold
 * size = 2                       # warm sandboxes per key, 0..64; 0 (default): no pool
 * max-idle-age = "5m"            # an unclaimed one exits by itself after this, 1s..24h
 * max-keys = 4                   # keys kept warm at once, 1..64
 * </pre>
 * There is no {@code run.allow-full-access} (a flag only), and a project's {@code ./ironbox.toml} may not set
 * {@code credentials} or {@code upstream-ca}: {@link ConfigFileLimits} says what a file may not do. Each key also
 * names its {@link Widening} rule: which of its values a project's file may set only once trusted.
 * Values are checked as the command line checks its flags; a bad one names the key, the file and the problem.
 */
enum ConfigKey {

    /** The runtime id, or {@code auto}: {@code runtime = "podman"}. */
    RUNTIME("runtime", ConfigValueType.STRING, "runtime = \"podman\"", SettingKey.RUNTIME, false, Widening.RUNTIME,
            (value, file) -> ((String) value).strip()),

    RUN_POLICY("run.policy", ConfigValueType.STRING, "[run] policy = \"workspace_write\"", SettingKey.POLICY, false,
            Widening.POLICY, (value, file) -> RunKeyValues.policy((String) value)),
    RUN_WORKSPACE("run.workspace", ConfigValueType.STRING, "[run] workspace = \"project\"", SettingKey.WORKSPACE, false,
            Widening.WORKSPACE, (value, file) -> RunKeyValues.workspace((String) value, file)),
    RUN_IMAGE("run.image", ConfigValueType.STRING, "[run] image = \"localhost/ironbox/busybox:1\"", SettingKey.IMAGE, false,
            Widening.IMAGE, (value, file) -> RunKeyValues.image((String) value)),
    RUN_TIMEOUT("run.timeout", ConfigValueType.STRING, "[run] timeout = \"2m\"", SettingKey.TIMEOUT, true,
            Widening.TIMEOUT, (value, file) -> RunKeyValues.duration((String) value)),
    RUN_MEMORY("run.memory", ConfigValueType.STRING, "[run] memory = \"1g\"", SettingKey.MEMORY, true,
            Widening.MEMORY, (value, file) -> RunKeyValues.size((String) value)),
    RUN_CPUS("run.cpus", ConfigValueType.NUMBER, "[run] cpus = 1.5", SettingKey.CPUS, false,
            Widening.CPUS, (value, file) -> RunKeyValues.cpus((Double) value)),
    RUN_PIDS("run.pids", ConfigValueType.INTEGER, "[run] pids = 256", SettingKey.PIDS, false,
            Widening.PIDS, (value, file) -> RunKeyValues.pids((Long) value)),
    RUN_MAX_OUTPUT("run.max-output", ConfigValueType.STRING, "[run] max-output = \"1m\"", SettingKey.MAX_OUTPUT, true,
            Widening.MAX_OUTPUT, (value, file) -> RunKeyValues.size((String) value)),
    /** {@code NAME=VALUE} pairs, a {@code List<String>}. */
    RUN_ENV("run.env", ConfigValueType.STRINGS, "[run] env = [\"CI=true\"]", SettingKey.ENV, false,
            Widening.ALWAYS, (value, file) -> RunKeyValues.env(strings(value))),

    /** A session's idle TTL (at least 2s). */
    SESSION_TTL("session.ttl", ConfigValueType.STRING, "[session] ttl = \"1h\"", SettingKey.TTL, true,
            Widening.TTL, (value, file) -> RunKeyValues.ttl((String) value)),
    /** A session's hard maximum lifetime (at least 2s), enforced from the host. */
    SESSION_MAX_LIFETIME("session.max-lifetime", ConfigValueType.STRING, "[session] max-lifetime = \"8h\"",
            SettingKey.MAX_LIFETIME, true, Widening.MAX_LIFETIME, (value, file) -> RunKeyValues.maxLifetime((String) value)),

    /** Allowlist entries ({@link AllowRule#parse}), kept as written: a {@code List<String>}. */
    ALLOW_DOMAINS("network.allow-domains", ConfigValueType.STRINGS,
            "[network] allow-domains = [\"example.com\", \"*.example.org:8443\"]", SettingKey.ALLOW_DOMAINS, false, Widening.ALWAYS,
            (value, file) -> {
                List<String> entries = strings(value);
                entries.forEach(AllowRule::parse);
                return entries;
            }),

    /** Credential mappings ({@link CredentialMapping#parse}): a {@code List<CredentialMapping>}. */
    CREDENTIALS("network.credentials", ConfigValueType.STRINGS,
            "[network] credentials = [\"api.example.com=EXAMPLE_KEY,header=x-api-key\"]", SettingKey.CREDENTIALS,
            false, Widening.ALWAYS,
            (value, file) -> strings(value).stream().map(CredentialMapping::parse).toList()),

    /** Whether the seed's default allowlist and credentials are included: a {@code Boolean}. */
    DEFAULT_DOMAINS("network.default-domains", ConfigValueType.BOOLEAN, "[network] default-domains = false",
            SettingKey.DEFAULT_DOMAINS, false,
            Widening.DEFAULT_DOMAINS, (value, file) -> value),

    /** An extra CA for upstream TLS: an absolute, readable {@code Path}, relative ones against the file's directory. */
    UPSTREAM_CA("network.upstream-ca", ConfigValueType.STRING,
            "[network] upstream-ca = \"/etc/ironbox/upstream-ca.pem\"", SettingKey.UPSTREAM_CA,
            false, Widening.ALWAYS,
            (value, file) -> RunKeyValues.readableFile((String) value, file)),

    /** The warm pool's size per key: an {@code Integer}, 0..64. */
    POOL_SIZE("pool.size", ConfigValueType.INTEGER, "[pool] size = 2", SettingKey.POOL_SIZE, false,
            Widening.POOL_SIZE, (value, file) -> PoolValues.size((Long) value)),
    /** How long a warm sandbox waits for its command: a {@code Duration}, 1s..24h. */
    POOL_MAX_IDLE_AGE("pool.max-idle-age", ConfigValueType.STRING, "[pool] max-idle-age = \"5m\"",
            SettingKey.POOL_MAX_IDLE_AGE, true, Widening.POOL_MAX_IDLE_AGE,
            (value, file) -> PoolValues.maxIdleAge((String) value)),
    /** The most keys kept warm at once: an {@code Integer}, 1..64. */
    POOL_MAX_KEYS("pool.max-keys", ConfigValueType.INTEGER, "[pool] max-keys = 4", SettingKey.POOL_MAX_KEYS, false,
            Widening.POOL_MAX_KEYS, (value, file) -> PoolValues.maxKeys((Long) value));

    /** What a key's value (of its {@link ConfigValueType}) stands for, read from a file. */
    @FunctionalInterface
    interface Converter {
        /** @throws InvalidConfigurationException with the problem (the caller adds the key and file) */
        Object convert(Object value, Path file);
    }

    private final String key;
    private final ConfigValueType type;
    private final String example;
    private final SettingKey<?> setting;
    private final boolean keepsText;
    private final Widening widening;
    private final Converter converter;

    /**
     * @param setting the setting it sets (its flag, type and default)
     * @param keepsText whether its text is kept as written ({@code 2m} rather than {@code 120s}), so
     *     {@code config show} shows it as given
     */
    ConfigKey(String key, ConfigValueType type, String example, SettingKey<?> setting, boolean keepsText,
            Widening widening, Converter converter) {
        this.key = key;
        this.type = type;
        this.example = example;
        this.setting = setting;
        this.keepsText = keepsText;
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

    /** The setting it sets. */
    SettingKey<?> setting() {
        return setting;
    }

    /**
     * Whether a bad value's error names the line too. The keys before {@code [pool]} keep their messages as they
     * were (the CLI's error lines are part of its contract); a new key's error also says where it is.
     */
    boolean namesLine() {
        return key.startsWith("pool.");
    }

    /** Whether it is a run or session option, whose flag a person can give instead of trusting a file. */
    boolean isRunOption() {
        return (key.startsWith("run.") || key.startsWith("session.")) && this != RUN_ENV;
    }

    /**
     * The typed setting {@code value} (of {@link #type()}) stands for, read from {@code file}: checked once, here.
     *
     * @throws InvalidConfigurationException with the problem (the caller adds the key and file)
     */
    @SuppressWarnings("unchecked") // each converter returns its setting's type
    Setting<?> read(Object value, Path file) {
        SettingKey<Object> typed = (SettingKey<Object>) setting;
        Object converted = converter.convert(value, file);
        String text = keepsText ? ((String) value).strip() : typed.text(converted);
        return new Setting<>(typed, converted, text, SettingSource.file(file));
    }

    /**
     * Whether {@code value}, from an untrusted project file, would let a run do more than {@code base} (the user's own
     * file's value, else the built-in default) allows ({@link Widening}).
     */
    boolean widens(Object value, Optional<Object> base, Path workingDirectory) {
        return widening.widens(value, base, workingDirectory);
    }

    /** {@code setting}'s value for one line of a message: its text, lists as {@code [a, b]}. */
    static String display(Setting<?> setting) {
        String text = setting.value() instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"))
                : setting.text();
        // an untrusted file's text goes to the terminal: no control characters, and not a screenful
        String printable = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 100 ? printable : printable.substring(0, 97) + "...";
    }

    static Optional<ConfigKey> named(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** Whether {@code name} is one of Ironbox's own tables ({@code run}, {@code pool}), not a runtime's. */
    static boolean isTable(String name) {
        return Arrays.stream(values()).anyMatch(k -> k.key.startsWith(name + "."));
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
