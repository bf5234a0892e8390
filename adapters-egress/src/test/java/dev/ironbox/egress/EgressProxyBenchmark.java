package dev.ironbox.egress;

import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A small benchmark, not a test: the proxy's added latency per request (median of keep-alive GETs, proxy vs direct,
 * interleaved in the same run) and its download throughput (MB/s, proxy vs direct), for plain HTTP and for HTTPS
 * tunnelled blind and for HTTPS terminated to inject a credential, all on 127.0.0.1 (client, proxy and upstream share this JVM and the machine's cores). Run after
 * {@code mvn -B -pl adapters-egress -am test-compile}:
 *
 * <pre>
 * cd adapters-egress &amp;&amp; mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.ironbox.egress.EgressProxyBenchmark [requests] [MB]
 * </pre>
 */
public final class EgressProxyBenchmark {

    private EgressProxyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 500;
        Path dir = Files.createTempDirectory("ironbox-egress-bench");
        try (TestUpstream upstream = new TestUpstream(dir);
                EgressProxy proxy = new EgressProxy(EgressProxyOptions.defaults().withUpstreamCa(upstream.caFile()));
                EgressLease lease = proxy.open(InetAddress.getLoopbackAddress(), EgressPolicy.of(List.of(
                        TestUpstream.HOST + ":" + upstream.plainPort(), TestUpstream.HOST + ":" + upstream.tlsPort()),
                        List.of()), Map.of());
                EgressLease terminating = proxy.open(InetAddress.getLoopbackAddress(), EgressPolicy.of(List.of(
                        TestUpstream.HOST + ":" + upstream.tlsPort()), List.of(CredentialMapping.bearer(
                        TestUpstream.HOST, "BENCH_TOKEN"))), Map.of("BENCH_TOKEN", "bench-secret-0123456789"))) {
            HttpClient direct = Clients.direct(upstream.caPem());
            HttpClient proxied = Clients.through(lease, upstream.caPem());
            HttpClient terminated = Clients.through(terminating, terminating.caCertificatePem().orElseThrow());
            System.out.printf("egress proxy benchmark: %d requests, %d MB downloads, %d cores%n", requests, megabytes,
                    Runtime.getRuntime().availableProcessors());
            for (String scheme : List.of("http", "https")) {
                String echo = scheme.equals("http") ? upstream.httpUrl("/echo") : upstream.httpsUrl("/echo");
                latency(scheme, direct, proxied, echo, requests);
            }
            latency("https-terminated", direct, terminated, upstream.httpsUrl("/echo"), requests);
            for (String scheme : List.of("http", "https")) {
                String path = "/bytes?n=" + megabytes * 1024 * 1024;
                String url = scheme.equals("http") ? upstream.httpUrl(path) : upstream.httpsUrl(path);
                throughput(scheme, direct, proxied, url, megabytes);
            }
            throughput("https-terminated", direct, terminated, upstream.httpsUrl("/bytes?n=" + megabytes * 1024 * 1024),
                    megabytes);
            System.out.printf("proxy recorded %d events%n", lease.events().size());
        }
    }

    private static void latency(String scheme, HttpClient direct, HttpClient proxied, String url, int requests)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        for (int i = 0; i < Math.min(500, requests); i++) {
            direct.send(request, HttpResponse.BodyHandlers.discarding());
            proxied.send(request, HttpResponse.BodyHandlers.discarding());
        }
        double[] viaDirect = new double[requests];
        double[] viaProxy = new double[requests];
        for (int i = 0; i < requests; i++) {
            viaDirect[i] = timeMillis(direct, request);
            viaProxy[i] = timeMillis(proxied, request);
        }
        double d = median(viaDirect);
        double p = median(viaProxy);
        System.out.printf("%-16s latency (median of %d keep-alive GETs): direct %.3f ms, proxy %.3f ms, added %.3f ms%n",
                scheme, requests, d, p, p - d);
    }

    private static double timeMillis(HttpClient client, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static void throughput(String scheme, HttpClient direct, HttpClient proxied, String url, long megabytes)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        download(direct, request);
        download(proxied, request);
        double d = Math.min(download(direct, request), download(direct, request));
        double p = Math.min(download(proxied, request), download(proxied, request));
        System.out.printf("%-16s download of %d MB (best of 2): direct %.0f MB/s, proxy %.0f MB/s (%.0f%%)%n", scheme,
                megabytes, megabytes / d, megabytes / p, 100 * d / p);
    }

    private static double download(HttpClient client, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
