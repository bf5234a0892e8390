package dev.ironbox.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IsolationRulesTest {

    /** What {@code nft list table inet ironbox} (nftables 1.0.6) prints for the table Ironbox installs. */
    static final String LISTING = String.join("\n",
            "table inet ironbox {",
            "\tset proxies {",
            "\t\ttype ifname . ipv4_addr . inet_service",
            "\t\telements = { \"ibx0a1b2c3d4e5f\" . 10.89.0.1 . 40123,",
            "\t\t\t     \"ibx00000000beef\" . 172.18.0.1 . 35555 }",
            "\t}",
            "",
            "\tchain input {",
            "\t\ttype filter hook input priority filter - 10; policy accept;",
            "\t\tiifname \"ibx*\" iifname . ip daddr . tcp dport @proxies accept",
            "\t\tiifname \"ibx*\" drop",
            "\t}",
            "",
            "\tchain forward {",
            "\t\ttype filter hook forward priority filter - 10; policy accept;",
            "\t\tiifname \"ibx*\" drop",
            "\t\toifname \"ibx*\" drop",
            "\t}",
            "}");

    @Test
    void ironboxsOwnTableIsComplete() {
        assertThat(IsolationRules.complete(LISTING)).isTrue();
    }

    @Test
    void aTableWithARuleBeforeTheDropOrWithoutADropIsNotTrusted() {
        assertThat(IsolationRules.complete(LISTING.replace("\t\tiifname \"ibx*\" drop\n\t}\n\n\tchain forward",
                "\t\tiifname \"ibx*\" accept\n\t\tiifname \"ibx*\" drop\n\t}\n\n\tchain forward"))).isFalse();
        assertThat(IsolationRules.complete(LISTING.replace("\t\toifname \"ibx*\" drop\n", ""))).isFalse();
        assertThat(IsolationRules.complete(LISTING.replace("policy accept;\n\t\tiifname \"ibx*\" iifname",
                "policy accept;\n\t\tiifname \"ibx*\" accept\n\t\tiifname \"ibx*\" iifname"))).isFalse();
        assertThat(IsolationRules.complete("table inet ironbox {\n}")).isFalse();
    }

    @Test
    void theCreateScriptHoldsWhatCompleteLooksFor() {
        String script = IsolationRules.create();
        assertThat(script).startsWith("create table inet ironbox\n");
        assertThat(script).contains("add rule inet ironbox input iifname \"ibx*\" drop",
                "add rule inet ironbox forward iifname \"ibx*\" drop",
                "add rule inet ironbox forward oifname \"ibx*\" drop");
    }

    @Test
    void anOpeningIsSpelledForOneInterfaceAddressAndPort() throws Exception {
        Inet4Address gateway = (Inet4Address) InetAddress.getByName("10.89.0.1");
        assertThat(IsolationRules.element("ibx0a1b2c3d4e5f", gateway, 40123))
                .isEqualTo("{ \"ibx0a1b2c3d4e5f\" . 10.89.0.1 . 40123 }");
    }

    @Test
    void nothingButASandboxInterfaceNameEntersTheScript() throws Exception {
        Inet4Address gateway = (Inet4Address) InetAddress.getByName("10.89.0.1");
        for (String name : new String[] {"eth0", "ibx*", "ibx\" . 1.2.3.4 . 1 }; flush ruleset; {", "ibx",
                "ibx0123456789abc", "IBX0A", "ibx0a\n"}) {
            assertThatThrownBy(() -> IsolationRules.element(name, gateway, 40123))
                    .as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> IsolationRules.element("ibx0a", gateway, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsolationRules.element("ibx0a", gateway, 65536))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theElementsOfAListedSetAreReadBack() {
        assertThat(IsolationRules.elements(LISTING)).containsExactly(
                new IsolationRules.Listed("ibx0a1b2c3d4e5f", "{ \"ibx0a1b2c3d4e5f\" . 10.89.0.1 . 40123 }"),
                new IsolationRules.Listed("ibx00000000beef", "{ \"ibx00000000beef\" . 172.18.0.1 . 35555 }"));
    }
}
