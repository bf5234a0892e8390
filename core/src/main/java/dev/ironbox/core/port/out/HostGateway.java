package dev.ironbox.core.port.out;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.egress.IpLiterals;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * Part of the {@link NetworkPort} contract: a sandbox network's gateway must be an IPv4 address of this host (where
 * the egress proxy listens) on the bridge the network names. Every runtime adapter's {@code NetworkPort} checks its
 * gateway here, so the check is written once. Host I/O: it reads this host's interfaces ({@link NetworkInterface}).
 */
public final class HostGateway {

    private HostGateway() {}

    /**
     * The address {@code literal} (never looked up in DNS), checked to be configured on one of this host's interfaces.
     *
     * @throws ContainerFailureException when it is not an IPv4 literal, or this host does not have it
     */
    public static InetAddress requireLocal(String network, String literal) {
        InetAddress address = IpLiterals.parseIpv4(literal).orElseThrow(() -> new ContainerFailureException(
                "network " + network + " has no IPv4 gateway: '" + literal + "'"));
        boolean local;
        try {
            local = NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            throw new ContainerFailureException("cannot list this host's addresses to find gateway " + literal, e);
        }
        if (!local) {
            throw new ContainerFailureException("the gateway " + literal + " of network " + network + " is not an"
                    + " address of this host, so no proxy here can listen on it: is the engine remote or in a VM?");
        }
        return address;
    }

    /**
     * Checks that {@code address} is configured on the host interface {@code hostInterface}: the host firewall's rules
     * match the interface by name, so a network whose bridge has another name would not be isolated at all.
     *
     * @throws ContainerFailureException when it sits on another interface, or on none
     */
    public static void requireInterface(String network, InetAddress address, String hostInterface) {
        NetworkInterface found;
        try {
            found = NetworkInterface.getByInetAddress(address);
        } catch (SocketException e) {
            throw new ContainerFailureException("cannot list this host's interfaces to find the bridge of network "
                    + network + ": " + e.getMessage(), e);
        }
        if (found == null || !found.getName().equals(hostInterface)) {
            throw new ContainerFailureException("network " + network + " was asked for the host interface "
                    + hostInterface + ", but its gateway " + address.getHostAddress() + " is on "
                    + (found == null ? "no interface" : found.getName()) + ": the host firewall could not isolate it");
        }
    }
}
