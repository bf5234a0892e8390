package dev.ironbox.nftables;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.port.out.HostFirewallPort;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HostFirewallPort} on nftables: the table {@code inet ironbox} ({@link IsolationRules}) drops whatever a
 * sandbox bridge sends to the host or through it, except TCP to each run's proxy listener, an element of its set
 * {@code proxies} added by {@link #open} and deleted when the opening closes.
 *
 * <p>The table is installed the first time it is needed and then left in place: its drops hold for every sandbox
 * bridge, also while no Ironbox process runs, and an opening left by a killed process names an interface that is
 * gone (such openings are swept when the table is first checked). Needs root (CAP_NET_ADMIN) and the {@code nft}
 * command. Thread-safe.
 */
public final class NftablesFirewall implements HostFirewallPort {

    private static final Logger LOG = LoggerFactory.getLogger(NftablesFirewall.class);

    private final Optional<Nft> nft;
    private final AtomicBoolean swept = new AtomicBoolean();

    /** The firewall through the {@code nft} on PATH (or in an sbin directory). */
    public NftablesFirewall() {
        this(Nft.find());
    }

    NftablesFirewall(Optional<Nft> nft) {
        this.nft = nft;
    }

    /** Checks the table, installing it when it is absent. */
    @Override
    public NetworkIsolation isolation() {
        if (nft.isEmpty()) {
            return NetworkIsolation.unavailable("the nft command is not installed (Debian: apt-get install"
                    + " nftables)");
        }
        Nft.Answer listed = nft.get().command("list", "table", "inet", "ironbox");
        if (!listed.ok()) {
            Nft.Answer created = nft.get().script(IsolationRules.create());
            if (!created.ok() && !created.err().contains("File exists")) {
                return NetworkIsolation.unavailable("cannot install the nftables table inet ironbox: "
                        + created.problem() + (created.err().contains("Operation not permitted")
                                ? " (changing the host firewall needs root)" : ""));
            }
            listed = nft.get().command("list", "table", "inet", "ironbox");
            if (!listed.ok()) {
                return NetworkIsolation.unavailable("cannot read the nftables table inet ironbox: "
                        + listed.problem());
            }
        }
        if (!IsolationRules.complete(listed.out())) {
            return NetworkIsolation.unavailable("the nftables table inet ironbox is not Ironbox's (its rules were"
                    + " changed); remove it with 'nft delete table inet ironbox' and Ironbox installs it again");
        }
        if (swept.compareAndSet(false, true)) {
            sweepStale(listed.out());
        }
        return NetworkIsolation.enforced("nftables (table inet ironbox, via " + nft.get().binary() + "): a"
                + " networked sandbox reaches only its own egress proxy listener on the host");
    }

    @Override
    public Opening open(String hostInterface, InetAddress address, int port) {
        if (!(address instanceof Inet4Address v4)) {
            throw new IllegalArgumentException("the proxy listens on an IPv4 gateway, not " + address);
        }
        String element = IsolationRules.element(hostInterface, v4, port);
        NetworkIsolation isolation = isolation();
        if (!isolation.enforced()) {
            throw new ContainerFailureException("the host firewall cannot isolate network interface " + hostInterface
                    + ": " + isolation.description());
        }
        Nft.Answer added = nft.orElseThrow().script(addElement(element));
        if (!added.ok()) {
            throw new ContainerFailureException("cannot let " + hostInterface + " reach its egress proxy at "
                    + v4.getHostAddress() + ":" + port + " through the host firewall: " + added.problem());
        }
        return new NftOpening(element);
    }

    private static String addElement(String element) {
        return "add element " + IsolationRules.TABLE + " " + IsolationRules.SET + " " + element + "\n";
    }

    private static String deleteElement(String element) {
        return "delete element " + IsolationRules.TABLE + " " + IsolationRules.SET + " " + element + "\n";
    }

    /** Deletes openings whose interface is gone (their process was killed before it could close them). */
    private void sweepStale(String listing) {
        for (IsolationRules.Listed listed : IsolationRules.elements(listing)) {
            if (!Files.exists(Path.of("/sys/class/net", listed.hostInterface()))) {
                Nft.Answer deleted = nft.orElseThrow().script(deleteElement(listed.element()));
                LOG.debug("stale host firewall opening {} deleted: {}", listed.element(), deleted.ok());
            }
        }
    }

    /** One run's element in the set; deleting it closes the way to the proxy. */
    private final class NftOpening implements Opening {

        private final String element;
        private final AtomicBoolean closed = new AtomicBoolean();

        NftOpening(String element) {
            this.element = element;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            Nft.Answer deleted = nft.orElseThrow().script(deleteElement(element));
            if (!deleted.ok() && !deleted.err().contains("No such file")) {
                LOG.warn("could not delete the host firewall opening {} (harmless once its network is gone): {}",
                        element, deleted.problem());
            }
        }

        @Override
        public String toString() {
            return "nftables opening " + element;
        }
    }

    @Override
    public String toString() {
        return "nftables host firewall";
    }
}
