package dev.ironbox.core.label;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels that make a container a warm sandbox of the pool (kind {@code pooled}), so {@code ironbox ps} shows it
 * as one and {@code ironbox cleanup} knows when it is over. A pooled container always carries the owner labels: when
 * the process that warmed it died, cleanup reaps it as any run of a dead owner. Its shim's deadline is a label too:
 * one that exited after it was never claimed and is left to remove (the engine does not auto-remove it, since a
 * claimed one must stay until its exit status, OOM flag included, was read).
 */
public final class PoolLabels {

    public static final String POOLED_KIND = "pooled";
    /** When the shim gives up waiting for a command and exits, an ISO-8601 instant. */
    public static final String EXPIRES = "dev.ironbox.pool.expires";

    private PoolLabels() {}

    /** Every label of a new warm container owned by this process, waiting at most until {@code expires}. */
    public static Map<String, String> of(String policy, Instant expires) {
        Map<String, String> labels = new LinkedHashMap<>(OwnerLabels.forCurrentProcess(policy));
        labels.put(SessionLabels.KIND, POOLED_KIND);
        labels.put(EXPIRES, expires.toString());
        return labels;
    }

    public static boolean isPooled(Map<String, String> labels) {
        return "true".equals(labels.get(OwnerLabels.MANAGED)) && POOLED_KIND.equals(labels.get(SessionLabels.KIND));
    }

    /** The shim's deadline, when the label is there and parses. */
    public static Optional<Instant> expires(Map<String, String> labels) {
        String text = labels.get(EXPIRES);
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a pooled container is over: it does not run, and its shim's deadline has passed (so it was never
     * claimed, or its command ended long ago). One that stopped earlier belongs to its owner, which reads its exit.
     */
    public static boolean isExpired(Map<String, String> labels, boolean running, Instant now) {
        return isPooled(labels) && !running && expires(labels).map(now::isAfter).orElse(true);
    }
}
