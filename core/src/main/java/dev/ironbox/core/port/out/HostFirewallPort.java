package dev.ironbox.core.port.out;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.egress.NetworkIsolation;
import java.net.InetAddress;

/**
 * The host's firewall, keeping sandboxes with network access from the host's own services. A sandbox network's
 * bridge is a host interface: without a firewall, whatever it sends to the gateway, or to any other address of the
 * host, is delivered to the host's listeners (databases, admin ports, a TCP engine API).
 *
 * <p>The rule it enforces: whatever enters the host from an interface whose name starts with
 * {@link #INTERFACE_PREFIX}, or is forwarded to or from one, is dropped, except TCP to an address and port that
 * {@link #open} let through for exactly that interface. The drop holds from the moment {@link #isolation()}
 * reports it enforced, for every such interface, whether or not an Ironbox process is alive: a crashed process
 * leaves at most an opening for an interface that no longer exists. Thread-safe.
 */
public interface HostFirewallPort {

    /**
     * The name of every sandbox network's host interface starts with this; the rest is at most 12 characters
     * (Linux allows 15 in all).
     */
    String INTERFACE_PREFIX = "ibx";

    /**
     * Whether the rule can be enforced on this host, and how; or why not (not root, no nftables). Installs what the
     * rule needs when it is missing. Never throws.
     */
    NetworkIsolation isolation();

    /**
     * Lets TCP from {@code hostInterface} to {@code address:port} through (a run's proxy listener).
     *
     * @return the opening; closing it (idempotent, never throws) closes the hole again
     * @throws ContainerFailureException when the firewall cannot be changed, or the rule is not enforced
     */
    Opening open(String hostInterface, InetAddress address, int port);

    /** One run's way to its proxy listener. */
    interface Opening extends AutoCloseable {

        /** Removes the opening. Idempotent; never throws. */
        @Override
        void close();
    }
}
