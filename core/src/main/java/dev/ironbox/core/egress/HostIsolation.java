package dev.ironbox.core.egress;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.HostFirewallPort;
import java.util.Optional;

/** Whether the sandboxes with network access of one runtime are kept from the host's services, and how. */
public final class HostIsolation {

    private HostIsolation() {}

    /**
     * The runtime's own isolation when it isolates its networks itself ({@code NetworkPort#ownIsolation}: Kubernetes'
     * NetworkPolicies; the host firewall has nothing to do with its sandboxes, which run elsewhere). Otherwise
     * enforced when there is a host firewall that holds and the runtime names its networks' bridges (the firewall
     * matches them by name); otherwise why not.
     *
     * @param firewall null when there is none
     */
    public static NetworkIsolation of(ContainerRuntime runtime, HostFirewallPort firewall) {
        Optional<NetworkIsolation> own = own(runtime);
        if (own.isPresent()) {
            return own.get();
        }
        if (firewall == null) {
            return NetworkIsolation.unavailable("there is no host firewall");
        }
        boolean names;
        try {
            names = runtime.networks().namesHostInterfaces();
        } catch (ContainerFailureException e) {
            return NetworkIsolation.unavailable("runtime " + runtime.id() + " has no sandbox networks");
        }
        if (!names) {
            return NetworkIsolation.unavailable("runtime " + runtime.id() + " cannot name its networks' host"
                    + " interfaces, which the host firewall matches");
        }
        NetworkIsolation host = firewall.isolation();
        return host.enforced()
                ? NetworkIsolation.enforced(host.description() + "; " + runtime.id() + " names each sandbox"
                        + " network's bridge " + HostFirewallPort.INTERFACE_PREFIX + "<12 hex digits>")
                : host;
    }

    /** The runtime's own isolation; empty when the host firewall must isolate it, or it has no networks. */
    public static Optional<NetworkIsolation> own(ContainerRuntime runtime) {
        try {
            return runtime.networks().ownIsolation();
        } catch (ContainerFailureException e) {
            return Optional.empty();
        }
    }
}
