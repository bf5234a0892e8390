package dev.ironbox.nftables;

import dev.ironbox.core.port.out.HostFirewallPort;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of Ironbox's nftables table {@code inet ironbox}: what it holds, how an opening is spelled, and how a
 * listing is read back.
 *
 * <p>Two base chains at priority {@code filter - 10} drop what a sandbox bridge ({@code ibx*}) sends: {@code input}
 * (to any address of the host, over IPv4 or IPv6, any protocol) except TCP to an interface's own opening in the set
 * {@code proxies}, and {@code forward} (to or from another interface). Another table's {@code accept} cannot undo a
 * drop here: a packet must pass every base chain of its hook. The table is created in one transaction that starts
 * with {@code create table}, which fails when it exists, so two processes never install it twice.
 */
final class IsolationRules {

    static final String TABLE = "inet ironbox";
    static final String SET = "proxies";
    static final String MATCH = "\"" + HostFirewallPort.INTERFACE_PREFIX + "*\"";

    private static final String INPUT_CHAIN = "chain input { type filter hook input priority filter - 10; policy"
            + " accept; iifname " + MATCH + " iifname . ip daddr . tcp dport @" + SET + " accept iifname " + MATCH
            + " drop }";
    private static final String FORWARD_CHAIN = "chain forward { type filter hook forward priority filter - 10;"
            + " policy accept; iifname " + MATCH + " drop oifname " + MATCH + " drop }";

    /** What a sandbox's interface name may be: the prefix and up to 12 hex digits (Ironbox's own names). */
    private static final Pattern INTERFACE = Pattern.compile(
            Pattern.quote(HostFirewallPort.INTERFACE_PREFIX) + "[0-9a-f]{1,12}");
    /** One element of a listed set: {@code "ibx0a1b2c3d4e5f" . 10.89.0.1 . 40123}. */
    private static final Pattern ELEMENT = Pattern.compile(
            "\"(" + Pattern.quote(HostFirewallPort.INTERFACE_PREFIX) + "[A-Za-z0-9_.-]{0,12})\" \\. "
                    + "([0-9]{1,3}(?:\\.[0-9]{1,3}){3}) \\. ([0-9]{1,5})");

    private IsolationRules() {}

    /** The whole table, one transaction; fails with "File exists" when the table is there already. */
    static String create() {
        return String.join("\n",
                "create table " + TABLE,
                "add set " + TABLE + " " + SET + " { type ifname . ipv4_addr . inet_service; }",
                "add chain " + TABLE + " input { type filter hook input priority filter - 10; policy accept; }",
                "add chain " + TABLE + " forward { type filter hook forward priority filter - 10; policy accept; }",
                "add rule " + TABLE + " input iifname " + MATCH + " iifname . ip daddr . tcp dport @" + SET
                        + " accept",
                "add rule " + TABLE + " input iifname " + MATCH + " drop",
                "add rule " + TABLE + " forward iifname " + MATCH + " drop",
                "add rule " + TABLE + " forward oifname " + MATCH + " drop",
                "");
    }

    /**
     * Whether a listing of the table ({@code nft list table inet ironbox}) holds exactly Ironbox's two chains: a table
     * of that name that someone changed (a rule added before a drop, a drop removed) is not trusted to isolate.
     */
    static boolean complete(String listing) {
        String flat = listing.replaceAll("\\s+", " ");
        return flat.contains(INPUT_CHAIN) && flat.contains(FORWARD_CHAIN);
    }

    /** {@code { "ibx…" . 10.89.0.1 . 40123 }}, the interface name checked so nothing else can enter the script. */
    static String element(String hostInterface, Inet4Address address, int port) {
        requireInterface(hostInterface);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        return "{ \"" + hostInterface + "\" . " + address.getHostAddress() + " . " + port + " }";
    }

    static void requireInterface(String hostInterface) {
        if (!INTERFACE.matcher(hostInterface).matches()) {
            throw new IllegalArgumentException("not a sandbox network's interface name: '" + hostInterface + "'");
        }
    }

    /** The elements of a listed set ({@code nft list set inet ironbox proxies}), each as it is spelled in a script. */
    static List<Listed> elements(String listing) {
        List<Listed> found = new ArrayList<>();
        Matcher matcher = ELEMENT.matcher(listing);
        while (matcher.find()) {
            found.add(new Listed(matcher.group(1), "{ \"" + matcher.group(1) + "\" . " + matcher.group(2) + " . "
                    + matcher.group(3) + " }"));
        }
        return found;
    }

    /** One opening found in the set. */
    record Listed(String hostInterface, String element) {}
}
