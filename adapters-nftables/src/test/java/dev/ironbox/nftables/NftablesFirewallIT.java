package dev.ironbox.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.port.out.HostFirewallPort;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real nftables of this host (CI runs as root, with nftables installed by {@code scripts/engines.sh}): the table is
 * installed and found complete, openings come and go, and openings of vanished interfaces are swept. Packets are
 * tested end to end, from inside real sandboxes, by app's {@code HostIsolationIT}.
 */
class NftablesFirewallIT {

    private final Nft nft = Nft.find().orElseThrow(() -> new AssertionError("nft is not installed"));

    @Test
    void theTableIsInstalledAndEnforced() {
        NetworkIsolation isolation = new NftablesFirewall().isolation();

        assertThat(isolation.enforced()).as(isolation.description()).isTrue();
        Nft.Answer listed = nft.command("list", "table", "inet", "ironbox");
        assertThat(listed.ok()).as(listed.err()).isTrue();
        assertThat(IsolationRules.complete(listed.out())).as(listed.out()).isTrue();
    }

    @Test
    void anOpeningIsInTheSetUntilItIsClosed() throws Exception {
        NftablesFirewall firewall = new NftablesFirewall();
        HostFirewallPort.Opening opening = firewall.open("ibx0000000000a1", InetAddress.getByName("10.254.0.1"),
                40001);
        try {
            assertThat(set()).contains("\"ibx0000000000a1\" . 10.254.0.1 . 40001");
        } finally {
            opening.close();
        }
        assertThat(set()).doesNotContain("ibx0000000000a1");
        opening.close(); // idempotent
    }

    @Test
    void openingsOfInterfacesThatAreGoneAreSweptWhenAProcessFirstChecksTheTable() {
        new NftablesFirewall().isolation();
        Nft.Answer added = nft.script("add element inet ironbox proxies { \"ibx00000stale1\" . 10.254.0.9 . 40009 }\n");
        assertThat(added.ok()).as(added.err()).isTrue();

        new NftablesFirewall(Optional.of(nft)).isolation(); // a new process

        assertThat(set()).doesNotContain("ibx00000stale1");
    }

    @Test
    void withoutNftIsolationIsUnavailableAndSaysWhy() {
        NetworkIsolation isolation = new NftablesFirewall(Optional.empty()).isolation();

        assertThat(isolation.enforced()).isFalse();
        assertThat(isolation.description()).contains("nft command is not installed");
    }

    private String set() {
        Nft.Answer listed = nft.command("list", "set", "inet", "ironbox", "proxies");
        assertThat(listed.ok()).as(listed.err()).isTrue();
        return listed.out();
    }
}
