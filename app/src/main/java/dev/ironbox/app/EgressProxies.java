package dev.ironbox.app;

import dev.ironbox.core.port.out.EgressProxyPort;
import dev.ironbox.egress.EgressProxy;
import dev.ironbox.egress.EgressProxyOptions;
import java.nio.file.Path;
import java.util.Optional;

/** Makes each sandbox's egress proxy: not started until its first run with network access. Thread-safe. */
final class EgressProxies {

    /**
     * A new proxy, started lazily; the caller closes it.
     *
     * @param upstreamCa a PEM file of extra CAs the proxy trusts for upstream TLS; a file it cannot read fails the
     *     first run that needs the proxy
     */
    EgressProxyPort create(Optional<Path> upstreamCa) {
        EgressProxyOptions defaults = EgressProxyOptions.defaults();
        EgressProxyOptions options = upstreamCa.map(defaults::withUpstreamCa).orElse(defaults);
        return new LazyEgressProxy(() -> new EgressProxy(options));
    }
}
