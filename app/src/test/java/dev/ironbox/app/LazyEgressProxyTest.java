package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.port.out.EgressProxyPort;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LazyEgressProxyTest {

    private final List<String> events = new ArrayList<>();
    private int failures;

    private EgressProxyPort start() {
        if (failures > 0) {
            failures--;
            throw new IllegalStateException("cannot start");
        }
        events.add("start");
        return new EgressProxyPort() {
            @Override
            public EgressLease open(InetAddress listenAddress, EgressPolicy policy, Map<String, String> secrets) {
                events.add("open");
                return new EgressLease() {
                    @Override public URI proxyUri() { return URI.create("http://127.0.0.1:1"); }
                    @Override public Optional<String> caCertificatePem() { return Optional.empty(); }
                    @Override public List<NetworkEvent> events() { return List.of(); }
                    @Override public void close() {}
                };
            }

            @Override
            public void close() {
                events.add("close");
            }
        };
    }

    @Test
    void nothingStartsUntilARunNeedsTheProxyAndThenOnlyOnce() {
        LazyEgressProxy proxy = new LazyEgressProxy(this::start);
        assertThat(proxy.isStarted()).isFalse();

        proxy.open(InetAddress.getLoopbackAddress(), EgressPolicy.denyAll(), Map.of());
        proxy.open(InetAddress.getLoopbackAddress(), EgressPolicy.denyAll(), Map.of());
        proxy.close();
        proxy.close();

        assertThat(events).containsExactly("start", "open", "open", "close", "close");
    }

    @Test
    void closingAProxyThatNeverStartedStartsNothing() {
        LazyEgressProxy proxy = new LazyEgressProxy(this::start);
        proxy.close();

        assertThat(events).isEmpty();
        assertThatThrownBy(() -> proxy.open(InetAddress.getLoopbackAddress(), EgressPolicy.denyAll(), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(events).isEmpty();
    }

    @Test
    void aFailedStartIsTriedAgainAtTheNextRun() {
        failures = 1;
        LazyEgressProxy proxy = new LazyEgressProxy(this::start);

        assertThatThrownBy(() -> proxy.open(InetAddress.getLoopbackAddress(), EgressPolicy.denyAll(), Map.of()))
                .hasMessage("cannot start");
        proxy.open(InetAddress.getLoopbackAddress(), EgressPolicy.denyAll(), Map.of());

        assertThat(events).containsExactly("start", "open");
    }
}
