package dev.ironbox.core.service;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EgressProxyPort;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
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
 * and the CA files. Thread-safe.
 */
final class EgressSetup {

    private static final Logger LOG = LoggerFactory.getLogger(EgressSetup.class);

    private final ContainerRuntime runtime;
    private final EgressProxyPort proxy;
    private final SecretResolverPort secrets;
    private final CaTrustFiles caFiles = new CaTrustFiles();

    /** @param proxy null for a sandbox without egress proxy (every run keeps network {@code none}) */
    EgressSetup(ContainerRuntime runtime, EgressProxyPort proxy, SecretResolverPort secrets) {
        this.runtime = runtime;
        this.proxy = proxy;
        this.secrets = secrets;
    }

    /**
     * The policy with its secrets, or empty when it allows nothing (the run keeps network {@code none}). A credential
     * whose secret is missing fails the run unless it is optional; an optional one is dropped (requests to its host
     * then go out without it).
     *
     * @throws ContainerFailureException when the policy allows something but this sandbox has no egress proxy
     * @throws InvalidConfigurationException naming the secret (never its value) when a required one is missing or the
     *     resolver fails
     */
    Optional<ResolvedEgress> resolve(EgressPolicy policy) {
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
     * Creates the run's internal network {@code ironbox-net-<uuid>} (carrying {@code labels}), opens a lease on its
     * gateway, and writes the CA files when the proxy has a CA. Whatever was made is undone when a later step fails.
     *
     * @throws ContainerFailureException when the runtime has no networks or the engine refuses, or the files cannot
     *     be written
     * @throws InvalidConfigurationException when the proxy cannot listen on the gateway
     */
    EgressSession open(ResolvedEgress egress, Map<String, String> labels) {
        NetworkPort networks = runtime.networks();
        SandboxNetwork network = networks.createInternal("ironbox-net-" + UUID.randomUUID(), labels);
        EgressLease lease = null;
        Path directory = null;
        EgressSession session = null;
        try {
            lease = openLease(network, egress);
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
                    directory);
            return session;
        } finally {
            if (session == null) { // anything failed, an Error too: undo what was made
                new EgressSession(ContainerEgress.NONE, networks, network, lease, directory).close();
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
