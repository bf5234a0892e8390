package dev.ironbox.egress;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * Who may use one listener: only clients on the listener's own network (the prefix of the host interface its address
 * sits on), or loopback clients for a loopback listener. Without this a sandbox could reach another run's listener
 * on the host (Docker bridges route to every host address) and borrow that run's allowlist and credentials.
 */
record ClientRange(byte[] network, int prefixLength) {

    static ClientRange of(InetAddress listenAddress) {
        if (listenAddress.isLoopbackAddress()) {
            return new ClientRange(null, 0);
        }
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(listenAddress);
            if (nif != null) {
                for (InterfaceAddress address : nif.getInterfaceAddresses()) {
                    if (address.getAddress().equals(listenAddress)) {
                        return new ClientRange(listenAddress.getAddress(), address.getNetworkPrefixLength());
                    }
                }
            }
        } catch (SocketException e) {
            throw new InvalidConfigurationException("egress proxy: cannot read the network of "
                    + listenAddress.getHostAddress() + ": " + e.getMessage(), e);
        }
        throw new InvalidConfigurationException("egress proxy: " + listenAddress.getHostAddress()
                + " is not an address of a host interface, so its network (who may use it) is unknown");
    }

    boolean contains(InetAddress client) {
        if (network == null) {
            return client.isLoopbackAddress();
        }
        byte[] c = client.getAddress();
        if (c.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (c[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (c[full] & mask) == (network[full] & mask);
    }
}
