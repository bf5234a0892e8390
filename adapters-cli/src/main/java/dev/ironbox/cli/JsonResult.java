package dev.ironbox.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.egress.NetworkEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --json} form of a result ({@code run}, {@code session exec}); {@code network} holds the egress proxy's
 * decisions for the run, in order (empty without network access); {@code pooled} whether the command ran in a warm
 * sandbox of the pool; {@code timings} each phase's time in whole milliseconds, keyed by its label ({@code create},
 * {@code start}, {@code wait}, ...), in phase order, only the phases the run went through.
 */
@JsonPropertyOrder({"exitCode", "stdout", "stderr", "durationMs", "truncated", "timedOut", "oomKilled", "runtime",
        "image", "policy", "stdoutBytesDropped", "stderrBytesDropped", "network", "pooled", "timings"})
record JsonResult(int exitCode, String stdout, String stderr, long durationMs, boolean truncated, boolean timedOut,
        boolean oomKilled, String runtime, String image, String policy, long stdoutBytesDropped,
        long stderrBytesDropped, List<Event> network, boolean pooled, Map<String, Long> timings) {

    static JsonResult of(RunResult result) {
        return new JsonResult(result.exitCode(), result.stdout(), result.stderr(), result.duration().toMillis(),
                result.truncated(), result.timedOut(), result.oomKilled(), result.runtime(), result.image(),
                result.policy().cliName(), result.stdoutBytesDropped(), result.stderrBytesDropped(),
                result.network().stream().map(Event::of).toList(), result.pooled(), timings(result.timings()));
    }

    /** In {@link RunPhase}'s order whatever the map's own: a reader compares runs phase by phase. */
    static Map<String, Long> timings(Map<RunPhase, Duration> timings) {
        Map<String, Long> millis = new LinkedHashMap<>();
        for (RunPhase phase : RunPhase.values()) {
            Duration time = timings.get(phase);
            if (time != null) {
                millis.put(phase.label(), time.toMillis());
            }
        }
        return millis;
    }

    /** One decision of the egress proxy; {@code time} in ISO-8601 (UTC). */
    @JsonPropertyOrder({"time", "method", "host", "port", "allowed", "reason", "credentialInjected", "status",
            "bytesUp", "bytesDown"})
    record Event(String time, String method, String host, int port, boolean allowed, String reason,
            boolean credentialInjected, int status, long bytesUp, long bytesDown) {

        static Event of(NetworkEvent event) {
            return new Event(event.time() == null ? null : event.time().toString(), event.method(), event.host(),
                    event.port(), event.allowed(), event.reason(), event.credentialInjected(), event.status(),
                    event.bytesUp(), event.bytesDown());
        }
    }
}
