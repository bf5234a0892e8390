package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A listener's stop completes whatever interrupts its caller (a cancelled run closes its lease on an interrupted
 * thread), and the proxy's close stops its listeners before the server: no listening socket is left, and neither
 * Ironbox nor Jetty logs a failure.
 */
class ListenerTeardownTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<Logger> watched = new ArrayList<>();

    @BeforeEach
    void watchLogs() {
        logged.start();
        for (String name : List.of("dev.ironbox.egress", "org.eclipse.jetty")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.addAppender(logged);
            watched.add(logger);
        }
    }

    @AfterEach
    void unwatch() {
        watched.forEach(logger -> logger.detachAppender(logged));
        Thread.interrupted();
    }

    private static EgressLease lease(EgressProxy proxy) throws IOException {
        return proxy.open(InetAddress.getByName("127.0.0.1"), EgressPolicy.of(List.of("example.com"), List.of()),
                Map.of());
    }

    @Test
    void aListenerClosedOnAnInterruptedThreadStopsListeningAndTheInterruptIsKept() throws Exception {
        try (EgressProxy proxy = new EgressProxy()) {
            for (int i = 0; i < 20; i++) {
                EgressLease lease = lease(proxy);
                int port = lease.proxyUri().getPort();
                try (Socket connected = new Socket("127.0.0.1", port)) { // a connection open while it stops
                    Thread.currentThread().interrupt();
                    lease.close();
                    assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
                }
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("listener on port %d", port)
                        .isInstanceOf(ConnectException.class);
            }
        }
        assertThat(failures()).isEmpty();
    }

    @Test
    void closingTheProxyWithOpenListenersLeavesNoneAndLogsNoFailure() throws Exception {
        List<Integer> ports = new ArrayList<>();
        List<Socket> connections = new ArrayList<>();
        EgressProxy proxy = new EgressProxy();
        for (int i = 0; i < 10; i++) {
            int port = lease(proxy).proxyUri().getPort();
            ports.add(port);
            connections.add(new Socket("127.0.0.1", port));
        }
        Thread.currentThread().interrupt();
        proxy.close();
        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        for (Socket connection : connections) {
            connection.close();
        }
        for (int port : ports) {
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("listener on port %d", port)
                    .isInstanceOf(ConnectException.class);
        }
        assertThat(failures()).isEmpty();
    }

    private List<String> failures() {
        return logged.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName()))
                .toList();
    }
}
