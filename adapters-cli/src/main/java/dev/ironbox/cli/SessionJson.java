package dev.ironbox.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.settings.SettingText;
import java.time.Duration;
import java.time.Instant;

/** The {@code --json} forms of {@code session start} (one object) and {@code session ls} (an array of objects). */
final class SessionJson {

    private SessionJson() {}

    /** What {@code session start --json} prints; {@code expires} in ISO-8601. */
    @JsonPropertyOrder({"id", "runtime", "container", "image", "policy", "ttl", "expires"})
    record Started(String id, String runtime, String container, String image, String policy, String ttl,
            String expires) {

        static Started of(SessionInfo session) {
            return new Started(session.id(), session.runtime(), session.container().value(), session.image(),
                    session.policy().cliName(), SettingText.duration(session.idleTtl()),
                    session.expires().toString());
        }
    }

    /**
     * One element of {@code session ls --json}: {@code created} and {@code expires} in ISO-8601, {@code state}
     * {@code running} or {@code stopped}.
     */
    @JsonPropertyOrder({"id", "runtime", "container", "image", "policy", "created", "ageSeconds", "state", "ttl",
            "detached", "expires"})
    record Listed(String id, String runtime, String container, String image, String policy, String created,
            long ageSeconds, String state, String ttl, boolean detached, String expires) {

        static Listed of(SessionInfo session, Instant now) {
            return new Listed(session.id(), session.runtime(), session.container().value(), session.image(),
                    session.policy().cliName(), session.created().toString(), SessionJson.age(session, now).toSeconds(),
                    SessionJson.state(session), SettingText.duration(session.idleTtl()), session.detached(),
                    session.expires().toString());
        }
    }

    static String state(SessionInfo session) {
        return session.running() ? "running" : "stopped";
    }

    static Duration age(SessionInfo session, Instant now) {
        Duration age = Duration.between(session.created(), now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
