package dev.ironbox.core.port.out;

import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host-side egress proxy: one per Ironbox instance, shared by concurrent runs. Each run leases a listener on its
 * own network's gateway address; every request that arrives there is judged by that run's policy. Thread-safe.
 */
public interface EgressProxyPort extends AutoCloseable {

    /**
     * Starts serving one run on {@code listenAddress} (any free port).
     *
     * @param secrets the resolved secrets by name, for the policy's credential mappings; never logged
     * @return the lease; the caller closes it when the run ends
     */
    EgressLease open(InetAddress listenAddress, EgressPolicy policy, Map<String, String> secrets);

    /** Stops the proxy and every lease. Idempotent; never throws. */
    @Override
    void close();

    /** One run's listener. */
    interface EgressLease extends AutoCloseable {

        /** {@code http://<gateway>:<port>}, for the sandbox's proxy variables. */
        URI proxyUri();

        /** The PEM certificate the sandbox must trust when the proxy terminates TLS for credential injection. */
        Optional<String> caCertificatePem();

        /** Every decision so far, in order. */
        List<NetworkEvent> events();

        /** Stops the listener; idempotent; never throws. */
        @Override
        void close();
    }
}
