package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Builds docker-java clients on the zero-dependency transport. */
final class DockerClients {

    /**
     * Connections one runtime may hold at once: each running wait, attach or exec holds one; none is kept idle
     * ({@link FreshConnections}). The sandbox service runs
     * at most 16 sandboxes at once (two streams each), which leaves half the pool for execs, kills and removals.
     */
    static final int MAX_CONNECTIONS = 64;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a probe waits for an answer; the runtime's own client has no response timeout. */
    static final Duration PROBE_RESPONSE_TIMEOUT = Duration.ofSeconds(5);

    private DockerClients() {}

    /**
     * The engine client and the transport under it (for the calls docker-java gets wrong); closing one closes both.
     * {@code tls} tells whether the endpoint is reached over TLS (a raw socket of our own would need it too).
     */
    record Connection(DockerClient client, DockerHttpClient transport, boolean tls) {}

    /**
     * The runtime's client. It has no response timeout, because waits and log follows block until the container
     * stops; every blocking call in this adapter bounds its own wait instead.
     */
    static Connection open(URI endpoint) {
        return build(endpoint, null);
    }

    /** Pings {@code endpoint} with a short-lived client that gives up after {@link #PROBE_RESPONSE_TIMEOUT}. */
    static void ping(URI endpoint) throws IOException {
        try (DockerClient client = build(endpoint, PROBE_RESPONSE_TIMEOUT).client()) {
            client.pingCmd().exec();
        }
    }

    private static Connection build(URI endpoint, Duration responseTimeout) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.toString())
                .build();
        ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(CONNECT_TIMEOUT);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        // on a unix socket, no request goes out on a pooled connection that may have died while idle (an engine
        // restart); a new one costs microseconds there. Over TCP (and TLS) a connection per request would cost a
        // handshake each and fill TIME_WAIT, so the pool stays
        DockerHttpClient built = http.build();
        DockerHttpClient transport = "unix".equals(endpoint.getScheme()) ? new FreshConnections(built) : built;
        return new Connection(DockerClientImpl.getInstance(config, transport), transport,
                config.getSSLConfig() != null);
    }
}
