package dev.ironbox.core.egress.setup;

import dev.ironbox.core.container.CaTrustFiles;
import dev.ironbox.core.container.ContainerEgress;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.container.ProxyEnvironment;
import dev.ironbox.core.egress.HostIsolation;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import dev.ironbox.core.port.out.EgressProxyPort;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.core.port.out.NetworkPort;
import dev.ironbox.core.port.out.SecretResolverPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up network access for a run whose egress policy allows something: first {@link #resolve} its secrets (before
 * anything is created), then {@link #open} an internal network, a lease on the egress proxy at the network's gateway,
 * the host firewall's opening to that lease, and the CA files. Thread-safe.
 *
 * <p>Host isolation: the network's bridge is named for the host firewall ({@link HostFirewallPort}), which drops
 * whatever the sandbox sends to the host except to its own proxy listener. Where that cannot be enforced (no
 * firewall, not root, a runtime that cannot name its bridges), a run with network access is refused before anything
 * is created, unless the operator allowed unisolated egress explicitly. A runtime that isolates its networks itself
 * ({@link NetworkPort#ownIsolation()}: Kubernetes) gets a plain internal network and its own opening to the lease
 * ({@link NetworkPort#allowOnly}) instead of the host firewall.
 */
public final class EgressSetup {

    private static final Logger LOG = LoggerFactory.getLogger(EgressSetup.class);

    private final ContainerRuntime runtime;
    private final EgressProxyPort proxy;
    private final SecretResolverPort secrets;
    private final HostFirewallPort firewall;
    private final boolean allowUnisolated;
    private final Leftovers leftovers;
    private final CaTrustFiles caFiles = new CaTrustFiles();

    /**
     * @param proxy null for a sandbox without egress proxy (every run keeps network {@code none})
     * @param firewall null when this host has none: networked runs are then refused unless {@code allowUnisolated}
     * @param allowUnisolated run with network access even where the host firewall cannot keep the sandbox from the
     *     host's services (the operator's explicit choice)
     * @param leftovers where the networks whose removal failed are kept, to be tried again
     */
    public EgressSetup(ContainerRuntime runtime, EgressProxyPort proxy, SecretResolverPort secrets,
            HostFirewallPort firewall, boolean allowUnisolated, Leftovers leftovers) {
        this.runtime = runtime;
        this.proxy = proxy;
        this.secrets = secrets;
        this.firewall = firewall;
        this.allowUnisolated = allowUnisolated;
        this.leftovers = leftovers;
    }

    /** How this sandbox's networked runs are kept from the host's services, or why they cannot be. */
    NetworkIsolation isolation() {
        return HostIsolation.of(runtime, firewall);
    }

    /**
     * Whether a networked run gets the host firewall: true when it is enforced; false when it is not but the operator
     * allowed unisolated egress.
     *
     * @throws PolicyRefusedException when it is not enforced and unisolated egress is not allowed
     */
    private boolean isolates(boolean warn) {
        NetworkIsolation isolation = isolation();
        if (isolation.enforced()) {
            return true;
        }
        if (allowUnisolated) {
            if (warn) {
                LOG.warn("a run with network access is NOT kept from the host's services ({}): unisolated egress"
                        + " was allowed", isolation.description());
            }
            return false;
        }
        throw new PolicyRefusedException("a run with network access is refused: nothing here keeps it from the"
                + " host's own services (" + isolation.description() + "); run Ironbox as root on a host with"
                + " nftables (see 'ironbox doctor'), or accept the risk with --allow-unisolated-egress"
                + " (IronboxBuilder.allowUnisolatedEgress(true))");
    }

    /**
     * The policy with its secrets, or empty when it allows nothing (the run keeps network {@code none}). A credential
     * whose secret is missing fails the run unless it is optional; an optional one is dropped (requests to its host
     * then go out without it).
     *
     * @throws ContainerFailureException when the policy allows something but this sandbox has no egress proxy
     * @throws PolicyRefusedException when the host firewall cannot isolate the run and that was not allowed
     * @throws InvalidConfigurationException naming the secret (never its value) when a required one is missing or the
     *     resolver fails
     */
    public Optional<ResolvedEgress> resolve(EgressPolicy policy) {
        if (!policy.allowsAnything()) {
            return Optional.empty();
        }
        if (proxy == null) {
            throw new ContainerFailureException("this sandbox has no egress proxy, so it cannot give a run network "
                    + "access (the run allows " + policy.allowlist().size() + " host pattern(s)); build the sandbox "
                    + "with an EgressProxyPort, or run without allowed hosts");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<CredentialMapping> kept = new ArrayList<>();
        for (CredentialMapping mapping : policy.credentials()) {
            Optional<String> value = values.containsKey(mapping.secretName())
                    ? Optional.of(values.get(mapping.secretName())) : lookup(mapping);
            if (value.isPresent()) {
                values.put(mapping.secretName(), value.get());
                kept.add(mapping);
            } else if (mapping.optional()) {
                LOG.info("optional credential for {} dropped: {} has no secret {}; requests to {} go out without it",
                        mapping.host(), secrets, mapping.secretName(), mapping.host());
            } else {
                throw new InvalidConfigurationException("credential for " + mapping.host() + ": the secret "
                        + mapping.secretName() + " is missing (" + secrets + " has no value for it); set "
                        + mapping.secretName() + " on the host, or mark the credential optional");
            }
        }
        runtime.networks(); // a runtime without sandbox networks says so, whatever the firewall
        isolates(true);
        return Optional.of(new ResolvedEgress(new EgressPolicy(policy.allowlist(), kept), values));
    }

    private Optional<String> lookup(CredentialMapping mapping) {
        try {
            return secrets.resolve(mapping.secretName()).filter(value -> !value.isEmpty());
        } catch (IronboxException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException("credential for " + mapping.host() + ": resolving the secret "
                    + mapping.secretName() + " with " + secrets + " failed: " + e.getClass().getName(), e);
        }
    }

    private EgressLease openLease(SandboxNetwork network, ResolvedEgress egress) {
        try {
            return proxy.open(network.gateway(), egress.policy(), egress.secrets());
        } catch (IronboxException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ContainerFailureException("the egress proxy cannot serve a run on " + network.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates the run's internal network {@code ironbox-net-<uuid>} (carrying {@code labels}; its bridge
     * {@code ibx<12 hex digits>}), opens a lease on its gateway and the host firewall's way to it, and writes the CA
     * files when the proxy has a CA. Whatever was made is undone when a later step fails.
     *
     * @throws ContainerFailureException when the runtime has no networks or the engine refuses, the firewall cannot
     *     be changed, or the files cannot be written
     * @throws PolicyRefusedException when the host firewall cannot isolate the run and that was not allowed
     * @throws InvalidConfigurationException when the proxy cannot listen on the gateway
     */
    public EgressSession open(ResolvedEgress egress, Map<String, String> labels) {
        boolean isolated = isolates(false);
        NetworkPort networks = runtime.networks();
        // a runtime that isolates its networks itself gets no named bridge and no host firewall: it opens the way
        boolean ownIsolation = HostIsolation.own(runtime).isPresent();
        boolean hostFirewall = isolated && !ownIsolation;
        String id = UUID.randomUUID().toString();
        String hostInterface = HostFirewallPort.INTERFACE_PREFIX + id.replace("-", "").substring(0, 12);
        SandboxNetwork network = hostFirewall
                ? networks.createInternal("ironbox-net-" + id, hostInterface, labels)
                : networks.createInternal("ironbox-net-" + id, labels);
        EgressLease lease = null;
        HostFirewallPort.Opening opening = null;
        Path directory = null;
        EgressSession session = null;
        try {
            lease = openLease(network, egress);
            if (hostFirewall) {
                opening = firewall.open(hostInterface, network.gateway(), lease.proxyUri().getPort());
            } else if (isolated) {
                opening = networks.allowOnly(network, network.gateway(), lease.proxyUri().getPort());
            }
            List<Mount> binds = List.of();
            Optional<String> ca = lease.caCertificatePem();
            if (ca.isPresent()) {
                directory = createDirectory();
                binds = caFiles.write(directory, ca.get());
            }
            Map<String, String> env = ProxyEnvironment.of(lease.proxyUri(), egress.policy().credentials(),
                    ca.isPresent());
            LOG.debug("run on network {} (gateway {}), egress proxy {}", network.name(),
                    network.gateway().getHostAddress(), lease.proxyUri());
            session = new EgressSession(new ContainerEgress(network.name(), env, binds), networks, network, lease,
                    opening, directory, leftovers);
            return session;
        } finally {
            if (session == null) { // anything failed, an Error too: undo what was made
                new EgressSession(ContainerEgress.NONE, networks, network, lease, opening, directory, leftovers)
                        .close();
            }
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("ironbox-egress-");
        } catch (IOException e) {
            throw new ContainerFailureException("cannot create a directory for the egress proxy's CA files: " + e, e);
        }
    }
}
