package dev.ironbox.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ironbox.core.model.SandboxSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code --json} form of {@code ironbox ps}: every sandbox ({@code kind} run, session or pooled, {@code created}
 * in ISO-8601) and the runtimes that did not answer; an absent value is {@code null}.
 */
@JsonPropertyOrder({"sandboxes", "unreachable"})
record SandboxesJson(List<Sandbox> sandboxes, List<Unreachable> unreachable) {

    static SandboxesJson of(List<SandboxSummary> sandboxes, List<EachRuntime.Unreachable> unreachable,
            Instant now) {
        return new SandboxesJson(sandboxes.stream().map(sandbox -> Sandbox.of(sandbox, now)).toList(),
                Unreachable.of(unreachable));
    }

    @JsonPropertyOrder({"id", "runtime", "kind", "sessionId", "created", "ageSeconds", "policy", "state", "running",
            "ownerPid", "ownerAlive", "command"})
    record Sandbox(String id, String runtime, String kind, String sessionId, String created, long ageSeconds,
            String policy, String state, boolean running, Long ownerPid, boolean ownerAlive, List<String> command) {

        static Sandbox of(SandboxSummary sandbox, Instant now) {
            return new Sandbox(sandbox.container().value(), sandbox.runtime(), PsCommand.kind(sandbox.kind()),
                    sandbox.sessionId().orElse(null), sandbox.created().toString(),
                    Math.max(0, Duration.between(sandbox.created(), now).toSeconds()), sandbox.policy(),
                    sandbox.running() ? "running" : "stopped", sandbox.running(),
                    sandbox.ownerPid().isPresent() ? sandbox.ownerPid().getAsLong() : null, sandbox.ownerAlive(),
                    sandbox.command());
        }
    }

    /** A runtime that did not answer, and why; {@code ps} and {@code cleanup} list them. */
    @JsonPropertyOrder({"runtime", "reason"})
    record Unreachable(String runtime, String reason) {

        static List<Unreachable> of(List<EachRuntime.Unreachable> unreachable) {
            return unreachable.stream().map(runtime -> new Unreachable(runtime.runtime(), runtime.reason())).toList();
        }
    }
}
