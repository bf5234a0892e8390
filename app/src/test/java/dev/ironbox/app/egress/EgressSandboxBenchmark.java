package dev.ironbox.app.egress;

import dev.ironbox.app.Ironbox;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

/**
 * The egress proxy's cost as a sandbox sees it, a benchmark (asserts nothing): the same image ({@link CurlImage}),
 * the same CPU and memory limits and the same curl script, once in a container on the engine's plain bridge network
 * going straight to {@link Upstream} (the baseline), once in an Ironbox sandbox whose only way out is the proxy
 * (plain HTTP forwarded, HTTPS tunnelled blind) and once with a credential mapping (HTTPS terminated by the proxy,
 * the credential injected). Per kind: latency of sequential small GETs each on a new connection (one curl each;
 * curl's {@code time_total}, so process start does not count) and on one keep-alive connection (one curl, many
 * URLs; the first, which connects, is left out), median and p99; and the best of two 100 MiB downloads. Rounds
 * alternate direct and proxied so that the machine's load falls on both.
 *
 * <p>Run: {@code scripts/bench-egress.sh [docker|podman] [requests] [MiB] [rounds]}. Needs root (the upstream's
 * network namespace, {@code scripts/test-upstream.sh}) and ports 80/443 free in it.
 */
public final class EgressSandboxBenchmark {

    /**
     * The upstream's CA followed by the host's CA bundle: a sandbox with a credential mapping gets the proxy's CA
     * followed by the JDK's CAs ({@code CURL_CA_BUNDLE}), and curl reads its bundle on every connection, so the
     * direct and tunnelled runs read one of the same size; otherwise the bundle, not the proxy, is the difference.
     */
    private static final String CA_IN_SANDBOX = "/workspace/upstream-ca-bundle.pem";
    private static final String SECRET_NAME = "IRONBOX_BENCH_TOKEN";

    private EgressSandboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        String engine = args.length > 0 ? args[0] : "docker";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        long mib = args.length > 2 ? Long.parseLong(args[2]) : 100;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        String up = UpstreamNetns.ADDRESS;
        try (ContainerRuntime runtime = connect(engine)) {
            CurlImage.ensure(runtime);
        }
        Path workspace = Files.createTempDirectory("ironbox-egress-bench-ws-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path privateDir = Files.createTempDirectory("ironbox-egress-bench-");
        EgressPolicy plain = EgressPolicy.of(List.of(up), List.of());
        EgressPolicy bearer = EgressPolicy.of(List.of(up), List.of(CredentialMapping.bearer(up, SECRET_NAME)));
        ResourceLimits limits = ResourceLimits.builder().timeout(Duration.ofMinutes(10)).build();
        try (UpstreamNetns namespace = UpstreamNetns.open()) {
            TestCertificates certificates = TestCertificates.create(workspace, privateDir, UpstreamNetns.address());
            Path bundle = Files.writeString(workspace.resolve("upstream-ca-bundle.pem"),
                    Files.readString(certificates.caPem()) + Files.readString(CurlImage.CA_BUNDLE));
            for (Path file : List.of(certificates.caPem(), bundle)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (Upstream upstream = Upstream.start(certificates, privateDir);
                    Ironbox ironbox = Ironbox.builder().runtime(engine).image(CurlImage.IMAGE)
                            .pullMissingImages(false).policy(SandboxPolicy.READ_ONLY).workspace(workspace)
                            .limits(limits).egress(plain).upstreamCa(certificates.caPem())
                            .secrets(name -> name.equals(SECRET_NAME) ? Optional.of("bench-secret-value-0123456789")
                                    : Optional.empty())
                            .build()) {
                Script script = new Script(upstream, requests, mib << 20);
                Figures direct = new Figures();
                Figures proxied = new Figures();
                for (int round = 0; round < rounds; round++) {
                    direct.add(directRun(engine, workspace, limits, script.of("--cacert " + CA_IN_SANDBOX, false)));
                    proxied.add(run(ironbox, plain, script.of("--cacert " + CA_IN_SANDBOX, false)));
                    proxied.add(run(ironbox, bearer, script.of("", true)));
                }
                print(engine, requests, mib, rounds, direct, proxied);
            }
        } finally {
            for (Path dir : List.of(workspace, privateDir)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static String run(Ironbox ironbox, EgressPolicy policy, String script) throws InterruptedException {
        RunResult result = ironbox.run(ironbox.request(List.of("sh", "-c", script)).withEgress(policy), chunk -> {});
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the sandbox's run failed: exit " + result.exitCode() + "\n"
                    + result.stdout() + result.stderr());
        }
        return result.stdout();
    }

    /** The same image, user, limits and workspace as the sandbox, on the engine's default bridge network. */
    private static String directRun(String engine, Path workspace, ResourceLimits limits, String script)
            throws Exception {
        Process p = new ProcessBuilder(engine, "run", "--rm", "--network", "bridge", "--user", "1000:1000",
                "--cpus", Double.toString(limits.cpus()), "--memory", Long.toString(limits.memoryBytes()),
                "-v", workspace + ":/workspace:ro", CurlImage.IMAGE, "sh", "-c", script)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the direct run failed: " + out);
        }
        return out;
    }

    private static ContainerRuntime connect(String engine) {
        return ServiceLoader.load(ContainerRuntimeProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(engine)).findFirst().map(ContainerRuntimeProvider::create)
                .orElseThrow(() -> new IllegalStateException("no runtime " + engine + " on the class path"));
    }

    /** The curl script; {@code credential}: one kind, https-terminated, with the proxy's CA from the sandbox env. */
    private record Script(Upstream upstream, int requests, long bytes) {

        String of(String tlsOptions, boolean credential) {
            StringBuilder s = new StringBuilder();
            if (credential) {
                kind(s, "https-terminated", "", upstream.httpsUrl("/ping"), upstream.httpsUrl("/bytes?n=" + bytes));
            } else {
                kind(s, "http", "", upstream.httpUrl("/ping"), upstream.httpUrl("/bytes?n=" + bytes));
                kind(s, "https", tlsOptions, upstream.httpsUrl("/ping"), upstream.httpsUrl("/bytes?n=" + bytes));
            }
            return s.toString();
        }

        private void kind(StringBuilder s, String kind, String options, String ping, String large) {
            s.append("echo '--- new ").append(kind).append("'\n")
                    .append("i=0; while [ $i -lt ").append(requests).append(" ]; do curl -s -m 20 ").append(options)
                    .append(" -o /dev/null -w '%{time_total}\\n' '").append(ping)
                    .append("' || echo \"failed $?\"; i=$((i+1)); done\n");
            s.append("i=0; while [ $i -le ").append(requests).append(" ]; do echo 'url = \"").append(ping)
                    .append("\"'; echo 'output = \"/dev/null\"'; i=$((i+1)); done > /tmp/keepalive.cfg\n")
                    .append("echo '--- keepalive ").append(kind).append("'\n")
                    .append("curl -s -m 120 ").append(options)
                    .append(" -K /tmp/keepalive.cfg -w '%{num_connects} %{time_total}\\n' | tail -n +2")
                    .append(" || echo \"failed $?\"\n");
            for (int i = 0; i < 2; i++) {
                s.append("echo '--- download ").append(kind).append("'\n")
                        .append("curl -s -m 300 ").append(options).append(" -o /dev/null -w '%{speed_download}\\n' '")
                        .append(large).append("' || echo \"failed $?\"\n");
            }
        }
    }

    /** Per "section kind": latencies (s) or download speeds (bytes/s). */
    private static final class Figures {
        final Map<String, List<Double>> values = new LinkedHashMap<>();
        /** Requests curl gave up on (the machine's load, an upstream namespace another test reset): "section exit". */
        final List<String> failures = new ArrayList<>();

        void add(String out) {
            String section = null;
            for (String line : out.split("\n")) {
                String l = line.strip();
                if (l.startsWith("--- ")) {
                    section = l.substring(4);
                    values.computeIfAbsent(section, k -> new ArrayList<>());
                } else if (section != null && l.startsWith("failed")) {
                    failures.add(section + " (curl exit" + l.substring(6) + ")");
                } else if (section != null && !l.isEmpty()) {
                    String[] words = l.split(" ");
                    if (section.startsWith("keepalive ") && words.length == 2 && !words[0].equals("0")) {
                        throw new IllegalStateException("keep-alive request opened a connection: " + l);
                    }
                    values.get(section).add(Double.parseDouble(words[words.length - 1]));
                }
            }
        }

        List<Double> get(String section) {
            List<Double> v = values.get(section);
            if (v == null || v.isEmpty()) {
                throw new IllegalStateException("no figures for " + section + " in " + values.keySet());
            }
            return v;
        }
    }

    private static void print(String engine, int requests, long mib, int rounds, Figures direct, Figures proxied) {
        String tag = "[egress-bench " + engine + "] ";
        System.out.printf("%s%d small GETs per kind and round, %d MiB downloads (best of %d), %d rounds, %d cores%n",
                tag, requests, mib, 2 * rounds, rounds, Runtime.getRuntime().availableProcessors());
        for (String way : List.of("new", "keepalive")) {
            for (String kind : List.of("http", "https", "https-terminated")) {
                List<Double> base = direct.get(way + " " + (kind.equals("http") ? "http" : "https"));
                List<Double> through = proxied.get(way + " " + kind);
                System.out.printf(Locale.ROOT, "%slatency %-9s %-16s direct p50 %6.2f ms p99 %6.2f ms | proxy p50"
                        + " %6.2f ms p99 %6.2f ms | added p50 %+6.2f ms%n", tag, way, kind, ms(pct(base, 50)),
                        ms(pct(base, 99)), ms(pct(through, 50)), ms(pct(through, 99)),
                        ms(pct(through, 50) - pct(base, 50)));
            }
        }
        for (Figures figures : List.of(direct, proxied)) {
            if (!figures.failures.isEmpty()) {
                System.out.printf("%s%s: %d requests failed, left out: %s%n", tag, figures == direct ? "direct"
                        : "proxy", figures.failures.size(), figures.failures);
            }
        }
        for (String kind : List.of("http", "https", "https-terminated")) {
            double base = max(direct.get("download " + (kind.equals("http") ? "http" : "https")));
            double through = max(proxied.get("download " + kind));
            System.out.printf(Locale.ROOT, "%sthroughput %-16s direct %7.1f MiB/s | proxy %7.1f MiB/s | %3.0f%% of"
                    + " direct%n", tag, kind, base / (1 << 20), through / (1 << 20), 100 * through / base);
        }
    }

    private static double ms(double seconds) {
        return seconds * 1000;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** The nearest-rank percentile. */
    static double pct(List<Double> values, int percent) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
