package dev.ironbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.RuntimeDiagnosis;
import dev.ironbox.core.model.RuntimesReport;
import dev.ironbox.core.model.SandboxSettings;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --json} form of {@code ironbox doctor}: one object, {@code ok}, {@code runtimes} (in {@code auto}'s
 * order), {@code auto} and {@code configured}; an absent value is {@code null}.
 */
final class DoctorJson {

    private final ObjectMapper mapper = new ObjectMapper();

    String write(RuntimesReport report) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ok", report.anyUsable());
        fields.put("runtimes", report.runtimes().stream().map(DoctorJson::runtime).toList());
        fields.put("auto", report.autoPick().orElse(null));
        fields.put("configured", configured(report));
        try {
            return mapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> runtime(RuntimeDiagnosis runtime) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", runtime.id());
        fields.put("priority", runtime.priority());
        fields.put("available", runtime.reachable());
        fields.put("usable", runtime.usable());
        fields.put("reason", runtime.problem().orElse(null));
        runtime.namedEndpoint().ifPresent(named -> fields.put("endpoint", named.address()));
        fields.put("endpointNamedBy", runtime.namedEndpoint().map(named -> named.source()).orElse(null));
        runtime.engine().ifPresent(engine -> engine(engine, fields));
        if (runtime.reachable()) {
            fields.put("defaultImage", SandboxSettings.DEFAULT_IMAGE);
            fields.put("defaultImagePresent", runtime.defaultImagePresent());
        }
        runtime.networkIsolation().ifPresent(isolation -> fields.put("hostIsolation", Map.of(
                "enforced", isolation.enforced(), "how", isolation.description())));
        return fields;
    }

    private static void engine(EngineInfo engine, Map<String, Object> fields) {
        fields.put("version", engine.version());
        fields.put("apiVersion", engine.apiVersion());
        fields.put("endpoint", engine.endpoint());
        fields.put("socket", engine.socket().map(Path::toString).orElse(null));
        fields.put("rootless", engine.rootless());
        fields.put("cgroupVersion", engine.cgroupVersion());
        fields.put("enforceableLimits", engine.enforceableLimits().stream().sorted()
                .map(kind -> kind.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static Map<String, Object> configured(RuntimesReport report) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (report.configured().isEmpty()) {
            fields.put("error", report.configurationProblem().orElse("unknown"));
            return fields;
        }
        RuntimeChoice choice = report.configured().get();
        fields.put("runtime", choice.runtime());
        fields.put("source", choice.source());
        fields.put("picks", report.configuredPick().orElse(null));
        return fields;
    }

}
