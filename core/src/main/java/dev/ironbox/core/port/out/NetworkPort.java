package dev.ironbox.core.port.out;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.model.NetworkSummary;
import java.util.List;
import java.util.Map;

/** Internal networks for sandboxes that may use the egress proxy. Thread-safe. */
public interface NetworkPort {

    /**
     * Creates an internal network (no route beyond the host) whose host-side gateway address exists on the host, so
     * a proxy can listen on it. The caller removes it.
     *
     * @throws ContainerFailureException when the engine cannot create it
     */
    SandboxNetwork createInternal(String name, Map<String, String> labels);

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
