package dev.ironbox.core.model.egress;

import java.util.Objects;

/**
 * The verdict of an {@link EgressPolicy} on one request.
 *
 * @param allowed whether the proxy may connect
 * @param reason why, in words fit for the 403 body and the audit log (names the host, never a secret)
 */
public record EgressDecision(boolean allowed, String reason) {

    /** @throws NullPointerException when {@code reason} is {@code null} */
    public EgressDecision {
        Objects.requireNonNull(reason, "reason");
    }

    /** The request may go ahead, because {@code reason}. */
    public static EgressDecision allow(String reason) {
        return new EgressDecision(true, reason);
    }

    /** The request is refused, because {@code reason}. */
    public static EgressDecision deny(String reason) {
        return new EgressDecision(false, reason);
    }

    /** The opposite of {@link #allowed()}. */
    public boolean denied() {
        return !allowed;
    }
}
