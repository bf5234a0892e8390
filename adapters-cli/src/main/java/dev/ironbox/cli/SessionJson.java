package dev.ironbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.settings.SettingText;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --json} forms of {@code session start} (one object) and {@code session ls} (an array of objects). */
final class SessionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SessionJson() {}

    /** {@code id, runtime, container, image, policy, ttl, expires}: what {@code session start --json} prints. */
    static Map<String, Object> started(SessionInfo session) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", session.id());
        fields.put("runtime", session.runtime());
        fields.put("container", session.container().value());
        fields.put("image", session.image());
        fields.put("policy", session.policy().cliName());
        fields.put("ttl", SettingText.duration(session.idleTtl()));
        fields.put("expires", session.expires().toString());
        return fields;
    }

    /**
     * One element of {@code session ls --json}: {@code id, runtime, container, image, policy, created} (ISO-8601),
     * {@code ageSeconds, state} ({@code running} or {@code stopped}), {@code ttl, detached, expires} (ISO-8601).
     */
    static Map<String, Object> listed(SessionInfo session, Instant now) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", session.id());
        fields.put("runtime", session.runtime());
        fields.put("container", session.container().value());
        fields.put("image", session.image());
        fields.put("policy", session.policy().cliName());
        fields.put("created", session.created().toString());
        fields.put("ageSeconds", age(session, now).toSeconds());
        fields.put("state", state(session));
        fields.put("ttl", SettingText.duration(session.idleTtl()));
        fields.put("detached", session.detached());
        fields.put("expires", session.expires().toString());
        return fields;
    }

    static String state(SessionInfo session) {
        return session.running() ? "running" : "stopped";
    }

    static Duration age(SessionInfo session, Instant now) {
        Duration age = Duration.between(session.created(), now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
