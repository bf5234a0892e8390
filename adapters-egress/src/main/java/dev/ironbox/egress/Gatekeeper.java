package dev.ironbox.egress;

import dev.ironbox.core.model.egress.EgressDecision;
import dev.ironbox.core.model.egress.EgressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Judges a destination by a lease's policy: by name first; then resolves the name once and judges each address in
 * the resolver's order, choosing the first one the policy allows. The caller connects to exactly that address.
 */
final class Gatekeeper {

    /** The verdict; {@code address} is set only when allowed. */
    record Verdict(boolean allowed, String reason, InetAddress address) {}

    private final LeaseRegistry leases;

    Gatekeeper(LeaseRegistry leases) {
        this.leases = leases;
    }

    Verdict judge(EgressPolicy policy, String host, int port) {
        EgressDecision byName = policy.judgeName(host, port);
        if (byName.denied()) {
            return new Verdict(false, byName.reason(), null);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            return new Verdict(false, host + " did not resolve", null);
        }
        String firstDenial = null;
        for (InetAddress address : addresses) {
            EgressDecision decision = policy.judgeAddress(host, port, address);
            if (decision.allowed() && leases.isListener(address, port)) {
                decision = EgressDecision.deny(host + ":" + port + " is the egress proxy itself");
            }
            if (decision.allowed()) {
                return new Verdict(true, decision.reason(), address);
            }
            if (firstDenial == null) {
                firstDenial = decision.reason();
            }
        }
        return new Verdict(false, firstDenial == null ? host + " did not resolve" : firstDenial, null);
    }

    /** Lowercase, without IPv6 brackets or a trailing dot. */
    static String normalise(String host) {
        String h = host == null ? "" : host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
