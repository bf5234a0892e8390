package dev.ironbox.kubernetes.owner;

/** For tests in other packages: one renewal now, as the renewal thread does every 20 s (no test waits for it). */
public final class Renewals {

    private Renewals() {}

    public static void renew(InstanceLease lease) {
        lease.renew();
    }
}
