package dev.ironbox.core.model.egress;

import java.time.Instant;

/**
 * One decision of the egress proxy, as recorded in the run's result and logged.
 *
 * @param status the upstream HTTP status, the proxy's own (403 for a denial), or 0 when there was none (a tunnel)
 * @param bytesUp bytes from the sandbox to the upstream (request body, or tunnelled bytes)
 * @param bytesDown bytes from the upstream to the sandbox
 */
public record NetworkEvent(Instant time, String method, String host, int port, boolean allowed, String reason,
        boolean credentialInjected, int status, long bytesUp, long bytesDown) {}
