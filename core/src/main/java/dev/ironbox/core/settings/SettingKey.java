package dev.ironbox.core.settings;

import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.egress.CredentialMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting of a sandbox, whatever sets it (the config file, the environment, a flag, the Java builder): its name
 * as the config file writes it, the flag that sets it, its type, its built-in default, and whether a later source
 * replaces an earlier one's value or adds to it. {@link Precedence} applies these. Immutable.
 *
 * @param <T> the value's type
 */
public final class SettingKey<T> {

    private static final ResourceLimits LIMITS = ResourceLimits.builder().build();
    private static final PoolSettings POOL = PoolSettings.off();

    /** A runtime id, or {@code auto}. */
    public static final SettingKey<String> RUNTIME = replaced("runtime", "--runtime", cwd -> RuntimeChoice.AUTO,
            String::valueOf);
    public static final SettingKey<SandboxPolicy> POLICY = replaced("run.policy", "--policy",
            cwd -> SandboxPolicy.READ_ONLY, SandboxPolicy::cliName);
    /**
     * A flag only: {@link Precedence} never takes it from a file or the environment, which an untrusted project can
     * write; a file that could set it could run commands on the host.
     */
    public static final SettingKey<Boolean> ALLOW_FULL_ACCESS = replaced("run.allow-full-access",
            "--allow-full-access", cwd -> false, String::valueOf);
    /** An existing directory, absolute. */
    public static final SettingKey<Path> WORKSPACE = replaced("run.workspace", "--workspace", cwd -> cwd,
            String::valueOf);
    public static final SettingKey<String> IMAGE = replaced("run.image", "--image",
            cwd -> SandboxSettings.DEFAULT_IMAGE, String::valueOf);
    public static final SettingKey<Duration> TIMEOUT = replaced("run.timeout", "--timeout", cwd -> LIMITS.timeout(),
            SettingText::duration);
    public static final SettingKey<ByteSize> MEMORY = replaced("run.memory", "--memory",
            cwd -> new ByteSize(LIMITS.memoryBytes()), size -> SettingText.bytes(size.bytes()));
    public static final SettingKey<Double> CPUS = replaced("run.cpus", "--cpus", cwd -> LIMITS.cpus(),
            SettingText::cpus);
    public static final SettingKey<Long> PIDS = replaced("run.pids", "--pids", cwd -> LIMITS.pidsLimit(),
            String::valueOf);
    public static final SettingKey<ByteSize> MAX_OUTPUT = replaced("run.max-output", "--max-output",
            cwd -> new ByteSize(LIMITS.maxOutputBytes()), size -> SettingText.bytes(size.bytes()));
    /** {@code NAME=VALUE} pairs, each with a non-empty NAME; a later source's are added after an earlier one's. */
    public static final SettingKey<List<String>> ENV = new SettingKey<>("run.env", "--env", cwd -> List.of(),
            pairs -> String.join(" ", pairs), SettingKey::concat);
    /** A session's idle TTL (at least 2s). */
    public static final SettingKey<Duration> TTL = replaced("session.ttl", "--ttl",
            cwd -> SessionRequest.DEFAULT_IDLE_TTL, SettingText::duration);
    /** A session's hard maximum lifetime (at least 2s); by default a day, or the TTL when longer (core decides). */
    public static final SettingKey<Duration> MAX_LIFETIME = replaced("session.max-lifetime", "--max-lifetime",
            cwd -> SessionRequest.DEFAULT_MAX_LIFETIME, SettingText::duration);
    /** Allowlist entries as written (each valid for {@code AllowRule.parse}); later sources add theirs. */
    public static final SettingKey<List<String>> ALLOW_DOMAINS = new SettingKey<>("network.allow-domains",
            "--allow-domain", cwd -> List.of(), entries -> String.join(" ", entries), SettingKey::concat);
    /** Credential mappings; a later source's replaces an earlier one's for the same host. */
    public static final SettingKey<List<CredentialMapping>> CREDENTIALS = new SettingKey<>("network.credentials",
            "--credential", cwd -> List.of(),
            mappings -> mappings.stream().map(CredentialMapping::toString).collect(Collectors.joining(" ")),
            SettingKey::replacingHosts);
    /** No built-in value: unset, the seed's defaults are included as soon as any host is allowed or mapped. */
    public static final SettingKey<Boolean> DEFAULT_DOMAINS = replaced("network.default-domains",
            "--default-domains", cwd -> null, String::valueOf);
    /** A readable PEM file, absolute; none by default. */
    public static final SettingKey<Path> UPSTREAM_CA = replaced("network.upstream-ca", "--upstream-ca",
            cwd -> null, String::valueOf);

    /**
     * The warm one-shot pool's size per key (0..64; 0, the default: no pool). Like the other {@code pool.*} keys,
     * set by the config file's {@code [pool]} table and the Java builder only: no flag and no environment variable,
     * as the command line's one-shot commands never start a pool (a new process per run would warm containers
     * only to throw them away); {@link #option()} is empty.
     */
    public static final SettingKey<Integer> POOL_SIZE = replaced("pool.size", "", cwd -> POOL.size(),
            String::valueOf);
    /** How long a warm sandbox waits for its command before it exits by itself (1s..24h; default 5 minutes). */
    public static final SettingKey<Duration> POOL_MAX_IDLE_AGE = replaced("pool.max-idle-age", "",
            cwd -> POOL.maxIdleAge(), SettingText::duration);
    /** The most keys (runtime, image, policy, ...) kept warm at once (1..64; default 4). */
    public static final SettingKey<Integer> POOL_MAX_KEYS = replaced("pool.max-keys", "", cwd -> POOL.maxKeys(),
            String::valueOf);

    /** The run options, in the order of {@code config show}. */
    public static final List<SettingKey<?>> RUN = List.of(POLICY, ALLOW_FULL_ACCESS, WORKSPACE, IMAGE, TIMEOUT,
            MEMORY, CPUS, PIDS, MAX_OUTPUT, ENV);

    /** Every setting, in the order of the config file's documentation and of {@code config show}. */
    public static final List<SettingKey<?>> ALL = List.of(RUNTIME, POLICY, ALLOW_FULL_ACCESS, WORKSPACE, IMAGE,
            TIMEOUT, MEMORY, CPUS, PIDS, MAX_OUTPUT, ENV, TTL, MAX_LIFETIME, ALLOW_DOMAINS, CREDENTIALS,
            DEFAULT_DOMAINS, UPSTREAM_CA, POOL_SIZE, POOL_MAX_IDLE_AGE, POOL_MAX_KEYS);

    /** The warm pool's settings ({@link PoolKeys}), in the order of {@code config show}. */
    public static final List<SettingKey<?>> POOL_KEYS = List.of(POOL_SIZE, POOL_MAX_IDLE_AGE, POOL_MAX_KEYS);

    private final String name;
    private final String option;
    private final Function<Path, T> builtIn;
    private final Function<T, String> text;
    private final BinaryOperator<T> adds;

    private SettingKey(String name, String option, Function<Path, T> builtIn, Function<T, String> text,
            BinaryOperator<T> adds) {
        this.name = name;
        this.option = option;
        this.builtIn = builtIn;
        this.text = text;
        this.adds = adds;
    }

    private static <T> SettingKey<T> replaced(String name, String option, Function<Path, T> builtIn,
            Function<T, String> text) {
        return new SettingKey<>(name, option, builtIn, text, null);
    }

    /** {@code run.timeout}: the config file's key. */
    public String name() {
        return name;
    }

    /** {@code --timeout}: the long flag that sets it; empty for a setting no flag sets ({@code pool.*}). */
    public String option() {
        return option;
    }

    /** The built-in default, given the working directory (the default workspace); empty when there is none. */
    public Optional<T> builtIn(Path workingDirectory) {
        return Optional.ofNullable(builtIn.apply(workingDirectory));
    }

    /** {@code value} spelled as the flag takes it ({@code 120s}, {@code 2g}, {@code workspace_write}). */
    public String text(T value) {
        return text.apply(value);
    }

    /** Whether only the person at the command line (or the embedding code) may set it ({@link #ALLOW_FULL_ACCESS}). */
    public boolean flagOnly() {
        return this == ALLOW_FULL_ACCESS;
    }

    /** Whether a later source adds to an earlier one's value ({@code run.env}) instead of replacing it. */
    public boolean adds() {
        return adds != null;
    }

    /** {@code earlier} then {@code later}, for a key that {@link #adds}. */
    T combine(T earlier, T later) {
        return Objects.requireNonNull(adds, name).apply(earlier, later);
    }

    /** The key named {@code name} ({@code run.timeout}). */
    public static Optional<SettingKey<?>> named(String name) {
        return ALL.stream().filter(key -> key.name.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return name;
    }

    private static <E> List<E> concat(List<E> earlier, List<E> later) {
        List<E> all = new ArrayList<>(earlier);
        all.addAll(later);
        return List.copyOf(all);
    }

    private static List<CredentialMapping> replacingHosts(List<CredentialMapping> earlier,
            List<CredentialMapping> later) {
        Set<String> replaced = later.stream().map(CredentialMapping::host).collect(Collectors.toSet());
        List<CredentialMapping> all = new ArrayList<>();
        earlier.stream().filter(m -> !replaced.contains(m.host())).forEach(all::add);
        all.addAll(later);
        return List.copyOf(all);
    }
}
