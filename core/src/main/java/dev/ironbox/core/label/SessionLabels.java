package dev.ironbox.core.label;

import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The labels that make a container a session, so any process (the next CLI call) can find it by id and read what it
 * is: kind, id, idle TTL, hard deadline, whether it is detached, image and policy. Attached sessions also carry the
 * owner labels. Labels cannot change after creation, and the sandbox cannot touch them: the deadline is kept there.
 */
public final class SessionLabels {

    public static final String KIND = "dev.ironbox.kind";
    public static final String SESSION_KIND = "session";
    public static final String SESSION = "dev.ironbox.session";
    public static final String TTL_SECONDS = "dev.ironbox.session.ttl";
    public static final String DETACHED = "dev.ironbox.session.detached";
    public static final String IMAGE = "dev.ironbox.image";
    /** The session's hard deadline, an ISO-8601 instant ({@code 2024-05-01T12:00:00Z}). */
    public static final String EXPIRES = "dev.ironbox.session.expires";

    /** 12 lowercase hex characters, as {@link #newId()} makes them. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionLabels() {}

    public static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code id} has the form of a session id (anything else cannot name one, nor reach a label filter). */
    public static boolean isWellFormed(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String containerName(String sessionId) {
        return "ironbox-session-" + sessionId;
    }

    /** Every label of a new session; owner labels only when attached (a detached one has no owner process). */
    public static Map<String, String> of(String sessionId, SandboxPolicy policy, String image, Duration ttl,
            boolean detached) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (detached) {
            labels.put(OwnerLabels.MANAGED, "true");
            labels.put(OwnerLabels.POLICY, policy.cliName());
        } else {
            labels.putAll(OwnerLabels.forCurrentProcess(policy.cliName()));
        }
        labels.put(KIND, SESSION_KIND);
        labels.put(SESSION, sessionId);
        labels.put(TTL_SECONDS, Long.toString(ttlSeconds(ttl)));
        labels.put(DETACHED, Boolean.toString(detached));
        labels.put(IMAGE, image);
        return labels;
    }

    /** {@code spec} with the session's hard deadline added to its labels. */
    public static ContainerSpec withExpiry(ContainerSpec spec, Instant expires) {
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(EXPIRES, expires.toString());
        return spec.withLabels(labels);
    }

    /**
     * The session's hard deadline: its label, or (for a session made before the label existed, or a label that does
     * not parse) its creation plus the default maximum lifetime.
     */
    public static Instant expires(ContainerSummary container) {
        Map<String, String> labels = container.labels();
        String text = labels.get(EXPIRES);
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // fall through to the default
            }
        }
        return container.created().plus(SessionRequest.defaultMaxLifetime(ttl(labels)));
    }

    public static Duration ttl(Map<String, String> labels) {
        return Duration.ofSeconds(parseOr(labels.get(TTL_SECONDS), 0));
    }

    /** The TTL in whole seconds, rounded up (the watchdog counts seconds). */
    public static long ttlSeconds(Duration ttl) {
        long seconds = ttl.getSeconds();
        return ttl.getNano() > 0 ? seconds + 1 : seconds;
    }

    public static boolean isSession(Map<String, String> labels) {
        return "true".equals(labels.get(OwnerLabels.MANAGED)) && SESSION_KIND.equals(labels.get(KIND))
                && labels.containsKey(SESSION);
    }

    public static boolean isDetached(Map<String, String> labels) {
        return isSession(labels) && "true".equals(labels.get(DETACHED));
    }

    /** The session a listed container is; its labels must pass {@link #isSession}. */
    public static SessionInfo toInfo(ContainerSummary container, String runtimeId) {
        Map<String, String> labels = container.labels();
        return new SessionInfo(labels.get(SESSION), runtimeId, container.id(),
                labels.getOrDefault(IMAGE, container.image()), policy(labels), container.created(),
                ttl(labels), container.running(), isDetached(labels), expires(container));
    }

    public static SandboxPolicy policy(Map<String, String> labels) {
        try {
            return SandboxPolicy.parse(labels.get(OwnerLabels.POLICY));
        } catch (RuntimeException e) {
            return SandboxPolicy.READ_ONLY; // a session is always sandboxed; a bad label must not hide it
        }
    }

    private static long parseOr(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
