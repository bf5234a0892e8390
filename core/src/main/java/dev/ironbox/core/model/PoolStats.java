package dev.ironbox.core.model;

/**
 * What the warm pool holds and has done since its service started.
 *
 * @param warm warm sandboxes waiting for a command now
 * @param claims runs that took a warm sandbox (pooled runs)
 * @param misses runs the pool could have taken but that ran cold (no warm sandbox of their key was ready)
 * @param refillFailures warm sandboxes that could not be made (each also logged)
 * @param expired warm sandboxes removed unclaimed at their max idle age
 */
public record PoolStats(int warm, long claims, long misses, long refillFailures, long expired) {

    /** The stats of a pool that is off. */
    public static PoolStats none() {
        return new PoolStats(0, 0, 0, 0, 0);
    }
}
