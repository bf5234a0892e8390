package dev.ironbox.core.model.egress;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An internal network Ironbox created for sandboxes: no route out, but the host is reachable at {@code gateway},
 * where the egress proxy listens.
 *
 * @param hostInterface the network's bridge interface on the host, as asked for at creation (see
 *     {@link dev.ironbox.core.port.out.HostFirewallPort#INTERFACE_PREFIX}); empty when the runtime could not name it
 */
public record SandboxNetwork(String id, String name, InetAddress gateway, String hostInterface) {

    /** @throws NullPointerException when a component is {@code null} */
    public SandboxNetwork {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(hostInterface, "hostInterface");
    }

    /** A network whose host interface is not known (a runtime that cannot name it). */
    public SandboxNetwork(String id, String name, InetAddress gateway) {
        this(id, name, gateway, "");
    }
}
