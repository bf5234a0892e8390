package dev.ironbox.core.model.egress;

import java.util.Objects;

/**
 * Whether a sandbox with network access is kept from the host's own services (it may reach its egress proxy
 * listener and nothing else on the host), and how; or why not.
 *
 * @param enforced whether the host firewall holds for sandbox networks
 * @param description how it is enforced ({@code nftables table inet ironbox ...}), or why it cannot be
 */
public record NetworkIsolation(boolean enforced, String description) {

    /** @throws NullPointerException when {@code description} is {@code null} */
    public NetworkIsolation {
        Objects.requireNonNull(description, "description");
    }

    /**
     * Isolation holds.
     *
     * @param how how it is enforced, as {@code runtimes} shows it
     * @return an enforced isolation
     */
    public static NetworkIsolation enforced(String how) {
        return new NetworkIsolation(true, how);
    }

    /**
     * Isolation cannot be enforced on this host: sandboxes with network access are refused.
     *
     * @param why the reason, as {@code runtimes} shows it
     * @return an unavailable isolation
     */
    public static NetworkIsolation unavailable(String why) {
        return new NetworkIsolation(false, why);
    }
}
