package dev.ironbox.core.service;

import dev.ironbox.core.error.ContainerFailureException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A sandbox network's gateway as an address of this host, where the egress proxy can listen. Engine-neutral: every
 * runtime adapter's {@code NetworkPort} checks its gateway here.
 */
public final class HostGateway {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1?\\d?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private HostGateway() {}

    public static boolean isIpv4Literal(String text) {
        return IPV4.matcher(text).matches();
    }

    /**
     * The address {@code literal} (never looked up in DNS), checked to be configured on one of this host's interfaces.
     *
     * @throws ContainerFailureException when it is not an IPv4 literal, or this host does not have it
     */
    public static InetAddress requireLocal(String network, String literal) {
        if (!isIpv4Literal(literal)) {
            throw new ContainerFailureException("network " + network + " has no IPv4 gateway: '" + literal + "'");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(literal); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            throw new ContainerFailureException("network " + network + " has an unusable gateway " + literal, e);
        }
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
}
