package dev.ironbox.app;

import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.settings.EgressSettings;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.RunEgress;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RuntimeSettings;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.egress.AllowRule;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.port.out.SecretResolverPort;
import dev.ironbox.core.settings.PoolKeys;
import dev.ironbox.core.settings.Precedence;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configures and opens an {@link Ironbox}. Not thread-safe; {@link #build()} may be called more than once. */
public final class IronboxBuilder {

    /** Where a value the embedding code set comes from. */
    private static final SettingSource BUILDER = new SettingSource("builder");

    private String runtime;
    private Path configFile;
    private SandboxPolicy policy = SandboxPolicy.READ_ONLY;
    private Path workspace = Path.of("");
    private String image = SandboxSettings.DEFAULT_IMAGE;
    private ResourceLimits limits = ResourceLimits.builder().build();
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean allowFullAccess;
    private boolean allowUnisolatedEgress;
    private boolean pullMissingImages = true;
    private EgressPolicy egress;
    private Boolean defaultDomains;
    private final List<String> allowedDomains = new ArrayList<>();
    private final List<CredentialMapping> credentials = new ArrayList<>();
    private SecretResolverPort secrets;
    private Path upstreamCa;
    private PoolSettings pool;
    private final Map<String, String> runtimeSettings = new LinkedHashMap<>();

    IronboxBuilder() {}

    /**
     * {@code auto} (the first installed runtime that works, by priority), {@code docker}, {@code podman},
     * {@code kubernetes} (never picked by auto; see {@link #runtimeSettings}), or a third party's id. Default:
     * {@code IRONBOX_RUNTIME}, else the config file's {@code runtime}, else auto.
     */
    public IronboxBuilder runtime(String runtime) {
        this.runtime = IronboxOptions.required(runtime, "runtime");
        return this;
    }

    /**
     * Settings of the chosen runtime's own, over the config file's table named after it ({@code [kubernetes]}) key
     * by key; adds to earlier calls. For Kubernetes: {@code KubernetesOptions.builder().namespace("sandboxes").build()
     * .settings()}. The runtime checks them when it connects ({@link #build()}): a key it does not take, or a bad
     * value, is an {@link InvalidConfigurationException} naming it.
     */
    public IronboxBuilder runtimeSettings(RuntimeSettings settings) {
        runtimeSettings.putAll(IronboxOptions.required(settings, "runtime settings").values());
        return this;
    }

    /**
     * This config file (it must exist), fully trusted as the embedder's choice, instead of the lookup:
     * {@code $IRONBOX_CONFIG} alone, else the user's own file with a project's {@code ./ironbox.toml} over it, whose
     * network keys that open more apply only once a person trusted its content ({@code ironbox config trust}).
     */
    public IronboxBuilder configFile(Path configFile) {
        this.configFile = IronboxOptions.required(configFile, "configFile");
        return this;
    }

    /** Default {@link SandboxPolicy#READ_ONLY}. */
    public IronboxBuilder policy(SandboxPolicy policy) {
        this.policy = IronboxOptions.required(policy, "policy");
        return this;
    }

    /** Host directory mounted at {@code /workspace}; default the current directory. */
    public IronboxBuilder workspace(Path workspace) {
        this.workspace = IronboxOptions.required(workspace, "workspace");
        return this;
    }

    /** Default {@link SandboxSettings#DEFAULT_IMAGE}, built locally when absent. */
    public IronboxBuilder image(String image) {
        this.image = IronboxOptions.required(image, "image");
        return this;
    }

    /** Default {@code ResourceLimits.builder().build()}. */
    public IronboxBuilder limits(ResourceLimits limits) {
        this.limits = IronboxOptions.required(limits, "limits");
        return this;
    }

    /** Adds one environment variable for every command. */
    public IronboxBuilder env(String name, String value) {
        IronboxOptions.required(name, "environment variable name");
        IronboxOptions.required(value, "value of environment variable " + name);
        env.put(name, value);
        return this;
    }

    /** Adds environment variables for every command. */
    public IronboxBuilder env(Map<String, String> variables) {
        IronboxOptions.required(variables, "environment").forEach(this::env);
        return this;
    }

    /** Permit {@link SandboxPolicy#FULL_ACCESS} (commands on the host, unsandboxed). Default {@code false}. */
    public IronboxBuilder allowFullAccess(boolean allowFullAccess) {
        this.allowFullAccess = allowFullAccess;
        return this;
    }

    /**
     * Run commands with network access even where the host firewall cannot keep them from the host's own services
     * (not root, no nftables, a runtime that cannot name its bridges). Default false: such runs are refused with the
     * reason ({@code PolicyRefusedException}).
     */
    public IronboxBuilder allowUnisolatedEgress(boolean allowUnisolatedEgress) {
        this.allowUnisolatedEgress = allowUnisolatedEgress;
        return this;
    }

    /** Try to pull an absent image. Default {@code true}. */
    public IronboxBuilder pullMissingImages(boolean pullMissingImages) {
        this.pullMissingImages = pullMissingImages;
        return this;
    }

    /**
     * Replaces every other source of the egress policy: runs may reach what {@code policy} allows, plus
     * {@link #allowDomain} and {@link #credential}; the seed's defaults and the config file's {@code [network]}
     * table no longer apply. {@code EgressPolicy.denyAll()} with {@link #allowDomain} gives exactly the hosts
     * named there.
     */
    public IronboxBuilder egress(EgressPolicy policy) {
        this.egress = IronboxOptions.required(policy, "egress policy");
        return this;
    }

    /**
     * Whether the seed's default allowlist and its optional credentials ({@link EgressPolicy#defaults()}:
     * package registries, documentation, GitHub, LLM APIs) are included. {@code true}: always, even without
     * another entry; {@code false}: runs reach only the hosts named. Not called: as the config file's
     * {@code network.default-domains} says, else included as soon as any host is allowed or credential mapped
     * (and without either, runs have no network).
     */
    public IronboxBuilder defaultDomains(boolean defaultDomains) {
        this.defaultDomains = defaultDomains;
        return this;
    }

    /**
     * Adds allowlist entries: {@code example.com}, {@code *.example.com} (which also matches
     * {@code example.com}), an IP address or CIDR range, each with an optional {@code :PORT} (default 80 and
     * 443). Added to the config file's {@code network.allow-domains} (and the defaults, see
     * {@link #defaultDomains}).
     *
     * @throws InvalidConfigurationException naming a malformed entry
     */
    public IronboxBuilder allowDomain(String... entries) {
        for (String entry : IronboxOptions.required(entries, "allowed domains")) {
            AllowRule.parse(IronboxOptions.required(entry, "allowed domain"));
            allowedDomains.add(entry);
        }
        return this;
    }

    /**
     * Adds a credential the egress proxy injects on requests to its host (replacing a default one for the same
     * host); its host must be allowed. The sandbox sees only {@link CredentialMapping#placeholder()} in the
     * variable {@link CredentialMapping#secretName()}; the secret is resolved on the host at each run start (see
     * {@link #secrets}): a missing one fails the run unless the mapping is optional. {@link CredentialMapping#parse}
     * reads the command line's form.
     */
    public IronboxBuilder credential(CredentialMapping mapping) {
        credentials.add(IronboxOptions.required(mapping, "credential"));
        return this;
    }

    /** Where credentials' secrets come from. Default: this process's environment variables. */
    public IronboxBuilder secrets(SecretResolverPort resolver) {
        this.secrets = IronboxOptions.required(resolver, "secret resolver");
        return this;
    }

    /**
     * A PEM file of extra CA certificates the egress proxy trusts when it connects to upstream servers over TLS
     * (private servers, tests), beside the JDK's default CAs. Default: the config file's
     * {@code network.upstream-ca}.
     */
    public IronboxBuilder upstreamCa(Path pemFile) {
        this.upstreamCa = IronboxOptions.required(pemFile, "upstream CA file");
        return this;
    }

    /**
     * Keeps a warm one-shot pool: up to {@link PoolSettings#size()} sandboxes per key (runtime, image, policy,
     * workspace, limits, network mode), created and started in the background with exactly a run's hardening. A run
     * that matches a warm sandbox takes it ({@link dev.ironbox.core.model.RunResult#pooled()}) and skips the engine's
     * create and start; anything else runs cold. A pooled sandbox is <em>never reused</em>: one command (with the exit
     * code, signals, OOM kill, timeout and output of a cold run), then it is removed in the background. Runs with
     * network access run cold (each needs its own network and proxy lease). An unclaimed sandbox exits by itself
     * after {@link PoolSettings#maxIdleAge()}, also when this process dies. {@link Ironbox#close()} waits for the
     * pool's removals.
     * <p>
     * Default: the config file's {@code [pool]} table, else off. This call replaces that table as a whole. The
     * command line's one-shot commands ({@code ironbox run}) never start a pool.
     *
     * @param pool e.g. {@code PoolSettings.of(4, Duration.ofMinutes(5))}; {@link PoolSettings#off()}: no pool
     * @throws InvalidConfigurationException when {@code pool} is null
     */
    public IronboxBuilder pool(PoolSettings pool) {
        this.pool = IronboxOptions.required(pool, "pool");
        return this;
    }

    /**
     * As {@link #pool(PoolSettings)}: {@code size} warm sandboxes per key, each waiting at most {@code maxIdleAge}
     * for its command.
     *
     * @param size 0..64; 0 turns the pool off
     * @param maxIdleAge 1 s..24 h
     * @throws InvalidConfigurationException naming the value out of range, or a null {@code maxIdleAge}
     */
    public IronboxBuilder pool(int size, Duration maxIdleAge) {
        return pool(PoolSettings.of(size, IronboxOptions.required(maxIdleAge, "pool max idle age")));
    }

    /**
     * Checks the configuration, picks the runtime (see {@link #runtime}), then connects to it once.
     *
     * @throws InvalidConfigurationException for an unknown runtime, a missing workspace, a blank image, a bad
     *     environment variable name, a credential for a host that is not allowed, a missing upstream CA file,
     *     or a config file that is missing or wrong
     * @throws PolicyRefusedException for {@link SandboxPolicy#FULL_ACCESS} without {@link #allowFullAccess}
     * @throws EngineUnavailableException when the runtime's engine (with {@code auto}: every engine) cannot be
     *     reached; the message says why for each
     */
    public Ironbox build() {
        return build(CliContext.system());
    }

    /** As {@link #build()}, with the environment and working directory of {@code context}. */
    Ironbox build(CliContext context) {
        IronboxOptions.required(context, "context");
        ConfigLocation location = configFile == null ? ConfigLocation.lookup() : ConfigLocation.of(configFile);
        IronboxComponent component = DaggerIronboxComponent.factory().create(context, location,
                new EgressConfig(Optional.ofNullable(secrets)), BuilderRuntimeSettings.of(runtimeSettings));
        return build(component.runEgress(), component.runConfiguration(), component.selectRuntime());
    }

    /** Without a config file's egress settings, and without an egress proxy for {@link #upstreamCa}. */
    Ironbox build(SandboxFactory factory, SelectRuntimeUseCase selection) {
        return build(RunEgress.unconfigured(factory), RunConfiguration.none(), selection);
    }

    /**
     * The builder's network and pool calls over the config files' typed {@code [network]} and {@code [pool]}
     * settings, as {@link Precedence} puts a flag over a file; its other calls are the run's settings as they are
     * (the files' {@code [run]} table is the command line's).
     */
    Ironbox build(RunEgress network, RunConfiguration files, SelectRuntimeUseCase selection) {
        SettingsLayer mine = new EgressSettings(allowedDomains, credentials, Optional.ofNullable(defaultDomains),
                Optional.ofNullable(upstreamCa).map(IronboxOptions::readableCa)).layer(BUILDER);
        EgressSettings settings = EgressSettings.of(new Precedence(mine, SettingsLayer.empty(), files.settings(),
                workspace));
        EgressPolicy egressPolicy = egress != null ? egress.extendedWith(allowedDomains, credentials)
                : settings.policy();
        SettingsLayer myPool = pool == null ? SettingsLayer.empty() : PoolKeys.layer(pool, BUILDER);
        PoolSettings poolSettings = PoolKeys.of(new Precedence(myPool, SettingsLayer.empty(), files.settings(),
                workspace));
        IronboxOptions options = new IronboxOptions(policy, workspace, image, limits, env, allowFullAccess,
                pullMissingImages, egressPolicy, allowUnisolatedEgress, poolSettings);
        String chosen = selection.select(Optional.ofNullable(runtime)).runtime();
        return new Ironbox(network.open(chosen, options.settings(), settings.upstreamCa()), options);
    }
}
