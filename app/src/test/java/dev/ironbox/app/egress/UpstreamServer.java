package dev.ironbox.app.egress;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server "outside" the host, run by {@link Upstream} in the test namespace as its own JVM
 * ({@code ip netns exec ironbox-upstream java -cp target/test-classes ...}); uses only the JDK, so the test classes
 * directory is its whole class path. Plain HTTP and HTTPS on one address:
 *
 * <ul>
 *   <li>{@code /bytes?n=N}: N bytes (zeros) with a Content-Length, written 64 KiB at a time;</li>
 *   <li>{@code /ping}: {@code pong}, not recorded (latency runs);</li>
 *   <li>anything else: recorded (method, path, raw query, scheme, every header) as one line of the record file,
 *       answered with {@code upstream saw METHOD PATH over SCHEME} (never echoing a header: a credential the proxy
 *       added must not come back to the sandbox through the test's own server).</li>
 * </ul>
 *
 * <p>Prints {@code READY} once both ports listen; exits when its standard input closes (the test JVM went away).
 *
 * <p>Record line: tab-separated {@code method, path, query, scheme, header...}, each header {@code name: value}
 * (name lowercase), with {@code \}, tab and newline escaped as {@code \\}, {@code \t}, {@code \n}.
 */
public final class UpstreamServer {

    private static final byte[] BLOCK = new byte[64 * 1024];

    private final BufferedWriter records;

    private UpstreamServer(Path recordFile) throws IOException {
        records = Files.newBufferedWriter(recordFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Args: address, http port, https port, PKCS12 key store, its password, record file. */
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: UpstreamServer ADDRESS HTTP_PORT HTTPS_PORT KEYSTORE PASSWORD RECORD_FILE");
            System.exit(2);
        }
        InetAddress address = InetAddress.getByName(args[0]);
        UpstreamServer upstream = new UpstreamServer(Path.of(args[5]));
        ExecutorService threads = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "upstream");
            t.setDaemon(true);
            return t;
        });

        HttpServer plain = HttpServer.create(new InetSocketAddress(address, Integer.parseInt(args[1])), 128);
        plain.createContext("/", exchange -> upstream.handle(exchange, "http"));
        plain.setExecutor(threads);

        HttpsServer tls = HttpsServer.create(new InetSocketAddress(address, Integer.parseInt(args[2])), 128);
        tls.setHttpsConfigurator(new HttpsConfigurator(sslContext(Path.of(args[3]), args[4].toCharArray())));
        tls.createContext("/", exchange -> upstream.handle(exchange, "https"));
        tls.setExecutor(threads);

        plain.start();
        tls.start();
        System.out.println("READY http=" + plain.getAddress() + " https=" + tls.getAddress());
        System.out.flush();
        // until the parent closes our stdin (or dies)
        InputStream in = System.in;
        while (in.read() >= 0) {
            // ignore input
        }
        plain.stop(0);
        tls.stop(0);
        System.exit(0);
    }

    private static SSLContext sslContext(Path keyStore, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private void handle(HttpExchange exchange, String scheme) throws IOException {
        try (exchange) {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            if (path.equals("/bytes")) {
                long n = Long.parseLong(query.replaceFirst("^n=", ""));
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, n);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (long left = n; left > 0; left -= BLOCK.length) {
                        out.write(BLOCK, 0, (int) Math.min(BLOCK.length, left));
                    }
                }
                return;
            }
            if (!path.equals("/ping")) {
                record(exchange.getRequestMethod(), path, query, scheme, exchange.getRequestHeaders());
            }
            byte[] answer = (path.equals("/ping") ? "pong\n"
                    : "upstream saw " + exchange.getRequestMethod() + " " + path + " over " + scheme + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("upstream: " + e);
            throw e;
        }
    }

    private void record(String method, String path, String query, String scheme, Headers headers)
            throws IOException {
        StringBuilder line = new StringBuilder();
        line.append(escape(method)).append('\t').append(escape(path)).append('\t')
                .append(escape(query == null ? "" : query)).append('\t').append(scheme);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                line.append('\t').append(escape(header.getKey().toLowerCase(java.util.Locale.ROOT) + ": " + value));
            }
        }
        synchronized (records) {
            records.write(line.toString());
            records.newLine();
            records.flush();
        }
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
