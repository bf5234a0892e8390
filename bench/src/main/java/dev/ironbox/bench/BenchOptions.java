package dev.ironbox.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's options, {@code --name=value}: engines (docker,podman), rounds (15) and warm-up rounds (3), the
 * throughput's threads (8) and duration in seconds (60; 0 skips it), the sessions for the heap figure (100; 0 skips
 * it), the pool's size (auto: 8 when the build has {@code IronboxBuilder.pool}; 0: no pooled lines), the workspace
 * directory, and the engine
 * testcontainers talks to (docker; its client is a per-JVM singleton found through {@code DOCKER_HOST}, so it serves
 * one engine per JVM: scripts/bench.sh runs one JVM per engine and points {@code DOCKER_HOST} at Podman's socket in
 * Podman's).
 */
record BenchOptions(List<String> engines, int rounds, int warmup, int threads, Duration duration, int sessions,
        int poolSize, String workspace, String testcontainersEngine) {

    static BenchOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("options are --name=value, got " + arg);
            }
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        BenchOptions options = new BenchOptions(
                List.of(given.getOrDefault("engines", "docker,podman").split(",")),
                Integer.parseInt(given.getOrDefault("rounds", "15")),
                Integer.parseInt(given.getOrDefault("warmup", "3")),
                Integer.parseInt(given.getOrDefault("threads", "8")),
                Duration.ofSeconds(Long.parseLong(given.getOrDefault("duration", "60"))),
                Integer.parseInt(given.getOrDefault("sessions", "100")),
                poolSize(given.getOrDefault("pool-size", "auto")),
                given.getOrDefault("workspace", System.getProperty("java.io.tmpdir")),
                given.getOrDefault("testcontainers-engine", "docker"));
        given.keySet().removeAll(List.of("engines", "rounds", "warmup", "threads", "duration", "sessions",
                "pool-size", "workspace", "testcontainers-engine"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + given.keySet());
        }
        return options;
    }

    private static int poolSize(String value) {
        if (!value.equals("auto")) {
            return Integer.parseInt(value);
        }
        return IronboxWays.hasPoolApi() ? 8 : 0;
    }
}
