package dev.ironbox.app.egress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's cost, measured with curl on both sides so that only the path differs: {@value #REQUESTS} small GETs
 * ({@code /ping}, each a new curl process and connection; curl's own {@code time_total}, so process start is not
 * counted) and one large download, once from the sandbox through the proxy and once from the host directly to the
 * upstream. Through the proxy there are two hops (sandbox to proxy over the engine's bridge, proxy to upstream) and
 * the sandbox's curl is held to its CPU limit (1 core by default); the direct client has neither.
 */
public final class EgressBenchmark {

    public static final int REQUESTS = 50;

    private final Upstream upstream;
    private final String caInSandbox;
    private final long largeBytes;

    public EgressBenchmark(Upstream upstream, String caInSandbox, long largeBytes) {
        this.upstream = upstream;
        this.caInSandbox = caInSandbox;
        this.largeBytes = largeBytes;
    }

    /**
     * Through the proxy: without a credential, HTTP (forwarded) and HTTPS (tunnelled blind); with one
     * ({@code credential}), HTTPS terminated by the proxy.
     */
    public String sandboxScript(boolean credential) {
        StringBuilder s = new StringBuilder();
        if (credential) {
            latency(s, "https-credential", "", upstream.httpsUrl("/ping"));
            download(s, "https-credential", "", upstream.httpsUrl(bytes()));
        } else {
            latency(s, "http", "", upstream.httpUrl("/ping"));
            latency(s, "https", "--cacert " + caInSandbox, upstream.httpsUrl("/ping"));
            download(s, "http", "", upstream.httpUrl(bytes()));
            download(s, "https", "--cacert " + caInSandbox, upstream.httpsUrl(bytes()));
        }
        return s.toString();
    }

    /** The same requests from the host straight to the upstream (the host's curl, no proxy). */
    public Figures direct(Path caFile) throws IOException, InterruptedException {
        StringBuilder s = new StringBuilder();
        String noProxy = "--noproxy '*'";
        latency(s, "http", noProxy, upstream.httpUrl("/ping"));
        latency(s, "https", noProxy + " --cacert " + caFile, upstream.httpsUrl("/ping"));
        download(s, "http", noProxy, upstream.httpUrl(bytes()));
        download(s, "https", noProxy + " --cacert " + caFile, upstream.httpsUrl(bytes()));
        Process sh = new ProcessBuilder("sh", "-c", s.toString()).redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!sh.waitFor(5, TimeUnit.MINUTES) || sh.exitValue() != 0 || out.contains("failed")) {
            sh.destroyForcibly();
            throw new IllegalStateException("the direct measurement failed: " + out);
        }
        return Figures.parse(out);
    }

    /** The lines to print, labelled with the engine. */
    public List<String> report(String engine, Figures proxied, Figures direct) {
        List<String> lines = new ArrayList<>();
        String tag = "[egress-benchmark " + engine + "] ";
        for (Map.Entry<String, List<Double>> entry : proxied.latencies().entrySet()) {
            String kind = entry.getKey();
            double through = median(entry.getValue());
            List<Double> base = direct.latencies().get(kind.startsWith("https") ? "https" : "http");
            double straight = median(base);
            lines.add(tag + String.format(Locale.ROOT, "latency %-16s median of %d: through proxy %.2f ms, direct"
                    + " %.2f ms, added %.2f ms", kind, entry.getValue().size(), through * 1000, straight * 1000,
                    (through - straight) * 1000));
        }
        for (Map.Entry<String, Double> entry : proxied.speeds().entrySet()) {
            String kind = entry.getKey();
            double straight = direct.speeds().get(kind.startsWith("https") ? "https" : "http");
            lines.add(tag + String.format(Locale.ROOT, "throughput %-16s %d MiB: through proxy %.1f MiB/s, direct"
                    + " %.1f MiB/s (%.0f%%)", kind, largeBytes >> 20, entry.getValue() / (1 << 20),
                    straight / (1 << 20), 100 * entry.getValue() / straight));
        }
        return lines;
    }

    private String bytes() {
        return "/bytes?n=" + largeBytes;
    }

    private static void latency(StringBuilder s, String kind, String options, String url) {
        s.append("echo '--- latency ").append(kind).append("'\n")
                .append("i=0; while [ $i -lt ").append(REQUESTS).append(" ]; do curl -s -m 20 ").append(options)
                .append(" -o /dev/null -w '%{time_total}\\n' '").append(url).append("' || echo failed")
                .append("; i=$((i+1)); done\n");
    }

    private static void download(StringBuilder s, String kind, String options, String url) {
        s.append("echo '--- download ").append(kind).append("'\n")
                .append("curl -s -m 120 ").append(options).append(" -o /dev/null -w '%{speed_download}\\n' '")
                .append(url).append("' || echo failed\n");
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Parsed output: per kind, the latencies in seconds and the download speed in bytes/s.
     */
    public record Figures(Map<String, List<Double>> latencies, Map<String, Double> speeds) {

        public static Figures parse(String out) {
            Map<String, List<Double>> latencies = new LinkedHashMap<>();
            Map<String, Double> speeds = new LinkedHashMap<>();
            String section = null;
            for (String line : out.split("\n")) {
                String l = line.strip();
                if (l.startsWith("--- ")) {
                    section = l.substring(4);
                    if (section.startsWith("latency ")) {
                        latencies.put(section.substring(8), new ArrayList<>());
                    }
                } else if (section != null && l.matches("[0-9]+(\\.[0-9]+)?")) {
                    double value = Double.parseDouble(l);
                    if (section.startsWith("latency ")) {
                        latencies.get(section.substring(8)).add(value);
                    } else if (section.startsWith("download ")) {
                        speeds.put(section.substring(9), value);
                    }
                }
            }
            return new Figures(latencies, speeds);
        }
    }
}
