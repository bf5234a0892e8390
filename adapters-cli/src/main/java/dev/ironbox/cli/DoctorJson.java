package dev.ironbox.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.EngineNote;
import dev.ironbox.core.model.NamedEndpoint;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.RuntimeDiagnosis;
import dev.ironbox.core.model.RuntimesReport;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.egress.NetworkIsolation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code --json} form of {@code ironbox doctor}: one object, {@code ok}, {@code runtimes} (in {@code auto}'s
 * order), {@code auto} and {@code configured}; an absent value is {@code null}. A runtime's engine details, its
 * default image and its host isolation appear only when known; its {@code notes} (a cluster's namespace, a missing
 * permission) only when the engine has any.
 */
@JsonPropertyOrder({"ok", "runtimes", "auto", "configured"})
record DoctorJson(boolean ok, List<Diagnosis> runtimes, String auto, Object configured) {

    static DoctorJson of(RuntimesReport report) {
        Object configured = report.configured().isEmpty()
                ? new ConfigurationError(report.configurationProblem().orElse("unknown"))
                : Configured.of(report.configured().get(), report.configuredPick());
        return new DoctorJson(report.anyUsable(), report.runtimes().stream().map(Diagnosis::of).toList(),
                report.autoPick().orElse(null), configured);
    }

    /**
     * One runtime. A named endpoint comes right after {@code reason} (with the engine's own address once reached);
     * otherwise a reached engine's endpoint comes after its {@code apiVersion}.
     */
    @JsonPropertyOrder({"id", "priority", "available", "usable", "reason", "endpoint", "endpointNamedBy", "engine",
            "image", "hostIsolation", "notes"})
    record Diagnosis(String id, int priority, boolean available, boolean usable, String reason,
            @JsonInclude(JsonInclude.Include.NON_NULL) String endpoint, String endpointNamedBy,
            @JsonUnwrapped Engine engine, @JsonUnwrapped DefaultImage image,
            @JsonInclude(JsonInclude.Include.NON_NULL) HostIsolation hostIsolation,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Note> notes) {

        static Diagnosis of(RuntimeDiagnosis runtime) {
            Optional<NamedEndpoint> named = runtime.namedEndpoint();
            Optional<EngineInfo> engine = runtime.engine();
            String endpoint = named.map(n -> engine.map(EngineInfo::endpoint).orElse(n.address())).orElse(null);
            return new Diagnosis(runtime.id(), runtime.priority(), runtime.reachable(), runtime.usable(),
                    runtime.problem().orElse(null), endpoint, named.map(NamedEndpoint::source).orElse(null),
                    engine.map(e -> Engine.of(e, named.isEmpty())).orElse(null),
                    runtime.reachable() ? new DefaultImage(SandboxSettings.DEFAULT_IMAGE,
                            runtime.defaultImagePresent()) : null,
                    runtime.networkIsolation().map(HostIsolation::of).orElse(null),
                    runtime.notes().stream().map(Note::of).toList());
        }
    }

    /** What the engine says beyond its version: {@code kind} is {@code info}, {@code warning} or {@code problem}. */
    @JsonPropertyOrder({"kind", "text"})
    record Note(String kind, String text) {

        static Note of(EngineNote note) {
            return new Note(note.kind().name().toLowerCase(Locale.ROOT), note.text());
        }
    }

    /** What the engine said about itself; {@code endpoint} here only when no endpoint was named. */
    @JsonPropertyOrder({"version", "apiVersion", "endpoint", "socket", "rootless", "cgroupVersion",
            "enforceableLimits"})
    record Engine(String version, String apiVersion, @JsonInclude(JsonInclude.Include.NON_NULL) String endpoint,
            String socket, boolean rootless, String cgroupVersion, List<String> enforceableLimits) {

        static Engine of(EngineInfo engine, boolean withEndpoint) {
            return new Engine(engine.version(), engine.apiVersion(), withEndpoint ? engine.endpoint() : null,
                    engine.socket().map(Path::toString).orElse(null), engine.rootless(), engine.cgroupVersion(),
                    engine.enforceableLimits().stream().sorted().map(kind -> kind.name().toLowerCase(Locale.ROOT))
                            .toList());
        }
    }

    @JsonPropertyOrder({"defaultImage", "defaultImagePresent"})
    record DefaultImage(String defaultImage, boolean defaultImagePresent) {}

    @JsonPropertyOrder({"enforced", "how"})
    record HostIsolation(boolean enforced, String how) {

        static HostIsolation of(NetworkIsolation isolation) {
            return new HostIsolation(isolation.enforced(), isolation.description());
        }
    }

    /** {@code configured} when the configuration names a runtime: which, from where, and what it picks now. */
    @JsonPropertyOrder({"runtime", "source", "picks"})
    record Configured(String runtime, String source, String picks) {

        static Configured of(RuntimeChoice choice, Optional<String> pick) {
            return new Configured(choice.runtime(), choice.source(), pick.orElse(null));
        }
    }

    /** {@code configured} when the configuration cannot be read. */
    record ConfigurationError(String error) {}
}
