package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 MB downloads stream through the proxy: plain HTTP (forwarded), HTTPS tunnelled blind, and HTTPS with TLS
 * terminated for a credential. While each runs, a sampler forces a GC every 200 ms and records the live heap; the
 * growth over the baseline is printed and must stay under a generous 64 MB (a buffered body would be 100 MB). The
 * upstream is 127.0.0.1, named explicitly in the allowlist.
 */
class StreamingTest {

    private static final long SIZE = 100L * 1024 * 1024;
    private static final long BOUND = 64L * 1024 * 1024;

    @TempDir
    static Path dir;

    private static TestUpstream upstream;
    private static EgressProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream(dir);
        proxy = new EgressProxy(EgressProxyOptions.defaults().withUpstreamCa(upstream.caFile()));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        upstream.close();
    }

    @Test
    void aPlainHttpDownloadStreams() throws Exception {
        try (EgressLease lease = lease(List.of())) {
            download("http", Clients.through(lease), upstream.httpUrl("/bytes?n=" + SIZE));
            assertThat(lease.events()).singleElement().satisfies(event -> {
                assertThat(event.status()).isEqualTo(200);
                assertThat(event.bytesDown()).isEqualTo(SIZE);
            });
        }
    }

    @Test
    void anHttpsDownloadThroughABlindTunnelStreams() throws Exception {
        try (EgressLease lease = lease(List.of())) {
            download("https tunnel", Clients.through(lease, upstream.caPem()), upstream.httpsUrl("/bytes?n=" + SIZE));
            assertThat(lease.events()).singleElement().extracting(NetworkEvent::bytesDown)
                    .satisfies(down -> assertThat(down).isGreaterThan(SIZE));
        }
    }

    @Test
    void anHttpsDownloadWithTlsTerminatedStreams() throws Exception {
        try (EgressLease lease = lease(List.of(CredentialMapping.bearer(TestUpstream.HOST, "KEY")))) {
            download("https terminated", Clients.through(lease, lease.caCertificatePem().orElseThrow()),
                    upstream.httpsUrl("/bytes?n=" + SIZE));
            assertThat(lease.events()).filteredOn(event -> event.method().equals("GET")).singleElement()
                    .satisfies(event -> assertThat(event.bytesDown()).isEqualTo(SIZE));
        }
    }

    private static EgressLease lease(List<CredentialMapping> credentials) {
        return proxy.open(InetAddress.getLoopbackAddress(), EgressPolicy.of(List.of(
                TestUpstream.HOST + ":" + upstream.plainPort(), TestUpstream.HOST + ":" + upstream.tlsPort()),
                credentials), Map.of("KEY", "secret"));
    }

    private static void download(String label, HttpClient client, String url) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                System.gc();
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed() - baseline, Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        long started = System.nanoTime();
        sampler.start();
        long received = 0;
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    received += read;
                }
            }
        } finally {
            done.set(true);
            sampler.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%s: %d MB in %.2f s (%.0f MB/s); live heap growth during the download: %.1f MB%n", label,
                received >> 20, seconds, received / 1048576.0 / seconds, peak.get() / 1048576.0);
        assertThat(received).isEqualTo(SIZE);
        assertThat(peak.get()).isLessThan(BOUND);
    }
}
