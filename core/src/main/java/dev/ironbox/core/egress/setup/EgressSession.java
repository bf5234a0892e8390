package dev.ironbox.core.egress.setup;

import dev.ironbox.core.concurrent.Once;
import dev.ironbox.core.concurrent.Uninterruptibly;
import dev.ironbox.core.container.ContainerEgress;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.core.port.out.NetworkPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run with network access holds: its internal network, its lease on the egress proxy, the host firewall's
 * opening to that lease, and the host directory of its CA files. The run closes the lease, removes its container,
 * then closes the session, which closes the opening, removes the network (it cannot go while a container is
 * attached) and deletes the directory. Every step runs even when an earlier one failed, and completes whatever
 * interrupts the thread ({@link Uninterruptibly}); failures are logged, never thrown, and a network whose removal
 * failed (the engine was away) is left to {@link Leftovers}, which tries again later. Thread-safe; idempotent: a
 * second caller (the service's close while the run releases) waits until the first one's step has ended.
 */
public final class EgressSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EgressSession.class);

    private final ContainerEgress container;
    private final NetworkPort networks;
    private final SandboxNetwork network;
    private final EgressLease lease;
    private final HostFirewallPort.Opening opening;
    private final Path directory;
    private final Leftovers leftovers;
    private final Once<Void> leaseClosing = new Once<>();
    private final Once<Void> closing = new Once<>();

    /**
     * @param networks null, with {@code network}, {@code lease} and {@code directory}, for a run without network
     * @param opening the host firewall's way to the lease, or null (not isolated, or not opened yet)
     * @param directory the CA files' host directory, or null
     * @param leftovers where a network whose removal failed is kept to be tried again; null without network
     */
    EgressSession(ContainerEgress container, NetworkPort networks, SandboxNetwork network, EgressLease lease,
            HostFirewallPort.Opening opening, Path directory, Leftovers leftovers) {
        this.container = container;
        this.networks = networks;
        this.network = network;
        this.lease = lease;
        this.opening = opening;
        this.directory = directory;
        this.leftovers = leftovers;
    }

    /** A run without network: network {@code none}, no events, nothing to close. */
    public static EgressSession none() {
        return new EgressSession(ContainerEgress.NONE, null, null, null, null, null, null);
    }

    public ContainerEgress container() {
        return container;
    }

    /** The proxy's decisions for this run so far, in order; empty without network. */
    public List<NetworkEvent> events() {
        return lease == null ? List.of() : List.copyOf(lease.events());
    }

    /** Stops the run's proxy listener; returns once it is stopped, also when another thread stops it. Never throws. */
    public void closeLease() {
        if (lease != null) {
            leaseClosing.run(() -> {
                try {
                    Uninterruptibly.run(lease::close); // an interrupted stop could leave the listener open
                } catch (RuntimeException e) {
                    LOG.warn("closing the egress proxy listener {} failed", lease.proxyUri(), e);
                }
            });
        }
    }

    /**
     * Closes the lease (if still open), removes the network, deletes the CA directory; returns once they are done,
     * also when another thread does them.
     */
    @Override
    public void close() {
        // on a thread no interrupt reaches: an interrupted request would abort the removal and leak the network
        closing.run(() -> Uninterruptibly.run(() -> {
            closeLease();
            closeOpening();
            removeNetwork();
            deleteDirectory();
        }));
    }

    private void closeOpening() {
        if (opening != null) {
            try {
                opening.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the host firewall's opening for network {} failed", network.name(), e);
            }
        }
    }

    private void removeNetwork() {
        if (network == null) {
            return;
        }
        try {
            networks.remove(network.id());
        } catch (RuntimeException e) {
            // typically the engine is stopped or restarting (or the container is still attached, itself a leftover)
            leftovers.add(network);
            LOG.error("could not remove network {}; this service retries on its next run, session start and close,"
                    + " else remove it with the engine (docker network rm / podman network rm); it carries the label"
                    + " dev.ironbox.managed=true", network.name(), e);
        }
    }

    private void deleteDirectory() {
        if (directory == null) {
            return;
        }
        try {
            deleteTree(directory);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete {} (the egress proxy's CA files; nothing secret)", directory, e);
        }
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public String toString() {
        return network == null ? "EgressSession[none]" : "EgressSession[" + network.name() + ", " + lease + "]";
    }
}
