package dev.ironbox.app.egress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link UpstreamServer} running in the namespace of {@link UpstreamNetns} on {@value UpstreamNetns#ADDRESS}, plain
 * HTTP on port 80 and HTTPS on 443 (the allowlist's default ports), with the certificate of
 * {@link TestCertificates}. Its own JVM: a process cannot listen in another network namespace.
 */
public final class Upstream implements AutoCloseable {

    public static final int HTTP_PORT = 80;
    public static final int HTTPS_PORT = 443;

    private final Process process;
    private final Path recordFile;
    private final StringBuffer output = new StringBuffer();

    private Upstream(Process process, Path recordFile) {
        this.process = process;
        this.recordFile = recordFile;
    }

    /** Starts the server in the namespace and waits (30 s at most) until it listens. */
    public static Upstream start(TestCertificates certificates, Path privateDir) throws IOException,
            InterruptedException {
        Path recordFile = privateDir.resolve("upstream-requests.tsv");
        Files.deleteIfExists(recordFile);
        Files.createFile(recordFile);
        // The JDK's HttpsServer names each peer by a reverse lookup (InetSocketAddress.getHostName); in the namespace
        // that would be a DNS query sent off the machine, then a 10 s timeout per TLS handshake. A hosts file of
        // its own answers every lookup from this file alone.
        Path hosts = Files.writeString(privateDir.resolve("upstream-hosts"),
                "10.203.0.1 ironbox-upstream-host\n" + UpstreamNetns.ADDRESS + " ironbox-upstream\n");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder("ip", "netns", "exec", UpstreamNetns.NAMESPACE, java,
                "-Xmx256m", "-XX:+UseSerialGC", "-Djdk.net.hosts.file=" + hosts,
                "-Dsun.net.httpserver.nodelay=true", "-cp", classesDirectory(), UpstreamServer.class.getName(),
                UpstreamNetns.ADDRESS, Integer.toString(HTTP_PORT), Integer.toString(HTTPS_PORT),
                certificates.keyStore().toString(), certificates.password(), recordFile.toString())
                .redirectErrorStream(true).start();
        Upstream upstream = new Upstream(process, recordFile);
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    upstream.output.append(line).append('\n');
                    if (line.startsWith("READY")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.complete(false);
        }, "upstream-output");
        reader.setDaemon(true);
        reader.start();
        boolean up;
        try {
            up = ready.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            up = false;
        }
        if (!up) {
            upstream.close();
            throw new IllegalStateException("the upstream server did not come up in " + UpstreamNetns.NAMESPACE
                    + ": " + upstream.output);
        }
        return upstream;
    }

    public String httpUrl(String pathAndQuery) {
        return "http://" + UpstreamNetns.ADDRESS + pathAndQuery;
    }

    public String httpsUrl(String pathAndQuery) {
        return "https://" + UpstreamNetns.ADDRESS + pathAndQuery;
    }

    /** Every request recorded so far, in order. */
    public List<Recorded> recorded() throws IOException {
        List<Recorded> all = new ArrayList<>();
        for (String line : Files.readAllLines(recordFile, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                all.add(Recorded.parse(line));
            }
        }
        return all;
    }

    /** The requests recorded for {@code path}. */
    public List<Recorded> recorded(String path) throws IOException {
        return recorded().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** What the server printed (its errors). */
    public String output() {
        return output.toString();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String classesDirectory() {
        try {
            return Path.of(UpstreamServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One request as the upstream saw it.
     *
     * @param headers {@code name: value}, names lowercase, in arrival order
     */
    public record Recorded(String method, String path, String query, String scheme, List<String> headers) {

        static Recorded parse(String line) {
            String[] fields = line.split("\t", -1);
            List<String> headers = new ArrayList<>();
            for (int i = 4; i < fields.length; i++) {
                headers.add(UpstreamServer.unescape(fields[i]));
            }
            return new Recorded(UpstreamServer.unescape(fields[0]), UpstreamServer.unescape(fields[1]),
                    UpstreamServer.unescape(fields[2]), fields[3], List.copyOf(headers));
        }

        /** The values of header {@code name} (any case). */
        public List<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ": ";
            return headers.stream().filter(h -> h.startsWith(prefix)).map(h -> h.substring(prefix.length()))
                    .toList();
        }

        public Optional<String> firstHeader(String name) {
            return header(name).stream().findFirst();
        }

        /** Method, path, query, scheme and headers on one line: never print this for a request carrying a secret. */
        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " (" + scheme + ") " + headers;
        }
    }
}
