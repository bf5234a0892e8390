package dev.ironbox.core.port.out;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.NetworkSummary;
import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.model.egress.SandboxNetwork;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Internal networks for sandboxes that may use the egress proxy. Thread-safe. */
public interface NetworkPort {

    /**
     * Creates an internal network (no route beyond the host) whose host-side gateway address exists on the host, so
     * a proxy can listen on it. The caller removes it.
     *
     * @throws ContainerFailureException when the engine cannot create it
     */
    SandboxNetwork createInternal(String name, Map<String, String> labels);

    /**
     * As {@link #createInternal(String, Map)}, its bridge on the host named {@code hostInterface} (at most 15
     * characters, starting with {@link HostFirewallPort#INTERFACE_PREFIX}), so the host firewall can keep the
     * sandboxes on it from the host's services. The returned network carries that name, and its gateway has been
     * checked to sit on that interface (the firewall matches by name: a bridge of another name would not be isolated).
     *
     * @throws ContainerFailureException when the engine cannot create it, or this runtime cannot name its bridges
     *     (the default: then networked runs are refused unless the operator allows unisolated egress)
     */
    default SandboxNetwork createInternal(String name, String hostInterface, Map<String, String> labels) {
        throw new ContainerFailureException("this runtime cannot name its networks' host interfaces, so the host"
                + " firewall cannot keep its sandboxes from the host's services");
    }

    /** Whether {@link #createInternal(String, String, Map)} is supported. */
    default boolean namesHostInterfaces() {
        return false;
    }

    /**
     * How this runtime keeps the sandboxes on its networks from everything but the egress proxy by itself, without the
     * host firewall (Kubernetes: a NetworkPolicy per network); empty (the default) when the host firewall must, through
     * {@link #createInternal(String, String, Map)}. When present, a networked run is made with
     * {@link #createInternal(String, Map)} and then {@link #allowOnly}.
     */
    default Optional<NetworkIsolation> ownIsolation() {
        return Optional.empty();
    }
    /**
     * Lets the sandboxes on {@code network} reach {@code address:port} (the run's proxy listener) and nothing else;
     * only for a runtime with {@link #ownIsolation()}.
     *
     * @return the opening; closing it (idempotent, never throws) takes the way away again
     * @throws ContainerFailureException when the runtime cannot make the opening
     */
    default HostFirewallPort.Opening allowOnly(SandboxNetwork network, InetAddress address, int port) {
        throw new ContainerFailureException("this runtime cannot isolate its networks by itself");
    }
    /** Removes the network; an already-gone network is not an error. */
    void remove(String networkId);

    /** Ids of every network that carries label {@code key=value}. */
    List<String> listByLabel(String key, String value);

    /**
     * Every network that carries label {@code key=value}, with its name and labels ({@code ironbox cleanup}).
     *
     * @throws ContainerFailureException when the engine cannot list them, or this runtime cannot describe networks
     */
    default List<NetworkSummary> describeByLabel(String key, String value) {
        throw new ContainerFailureException("this runtime cannot describe its networks");
    }
}
