package dev.ironbox.core.model.egress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one CIDR parser as the engine adapters use it (was Podman's {@code Ipv4SubnetTest}). */
class CidrTest {

    private static Cidr subnet(String cidr) {
        return Cidr.parse(cidr).orElseThrow().masked();
    }

    @Test
    void parsesCidrAndRejectsEverythingElse() {
        assertThat(subnet("10.89.3.0/24").text()).isEqualTo("10.89.3.0/24");
        assertThat(subnet("10.89.3.77/24").text()).isEqualTo("10.89.3.0/24");
        assertThat(subnet(" 10.89.3.0/24\n").text()).isEqualTo("10.89.3.0/24");
        assertThat(Cidr.parse("fd00::/64").orElseThrow().isIpv4()).isFalse();
        assertThat(Cidr.parse("10.89.3.0")).isEmpty();
        assertThat(Cidr.parse("10.89.300.0/24")).isEmpty();
        assertThat(Cidr.parse("10.89.3.0/33")).isEmpty();
        assertThat(Cidr.parse("10.89.3.0/")).isEmpty();
        assertThat(Cidr.parse("10.89.3.0/-1")).isEmpty();
        assertThat(Cidr.parse("example.com/24")).isEmpty();
        assertThat(Cidr.parse(null)).isEmpty();
    }

    @Test
    void splitsIntoSlash24sInOrder() {
        assertThat(subnet("10.89.0.0/16").subnets(24)).hasSize(256)
                .startsWith(subnet("10.89.0.0/24"), subnet("10.89.1.0/24"))
                .endsWith(subnet("10.89.255.0/24"));
        assertThat(subnet("192.168.7.0/24").subnets(24)).containsExactly(subnet("192.168.7.0/24"));
        assertThat(subnet("192.168.7.0/25").subnets(24)).isEmpty();
    }

    @Test
    void overlapsWhenEitherContainsTheOther() {
        assertThat(subnet("10.89.0.0/16").overlaps(subnet("10.89.4.0/24"))).isTrue();
        assertThat(subnet("10.89.4.0/24").overlaps(subnet("10.89.0.0/16"))).isTrue();
        assertThat(subnet("10.89.4.0/24").overlaps(subnet("10.89.5.0/24"))).isFalse();
        assertThat(subnet("10.88.0.0/16").overlaps(subnet("10.89.0.0/24"))).isFalse();
        assertThat(subnet("0.0.0.0/0").overlaps(subnet("10.89.0.0/24"))).isTrue();
        assertThat(subnet("0.0.0.0/0").overlaps(subnet("::/0"))).as("families never overlap").isFalse();
    }

    @Test
    void theGatewayIsTheFirstHost() {
        assertThat(subnet("10.89.12.0/24").firstHost().getHostAddress()).isEqualTo("10.89.12.1");
        assertThat(subnet("172.31.255.0/24").firstHost().getHostAddress()).isEqualTo("172.31.255.1");
    }

    /** Was {@code HostGatewayTest.acceptsOnlyIpv4Literals}, when the gateway check had its own regex. */
    @Test
    void acceptsOnlyIpv4Literals() {
        assertThat(IpLiterals.parseIpv4("10.89.0.1")).isPresent();
        assertThat(IpLiterals.parseIpv4("255.255.255.255")).isPresent();
        assertThat(IpLiterals.parseIpv4("256.1.1.1")).isEmpty();
        assertThat(IpLiterals.parseIpv4("example.com")).isEmpty();
        assertThat(IpLiterals.parseIpv4("fd00::1")).isEmpty();
        assertThat(IpLiterals.parseIpv4("::ffff:10.89.0.1")).as("IPv4-mapped is no dotted quad").isEmpty();
        assertThat(IpLiterals.parseIpv4("")).isEmpty();
        assertThat(IpLiterals.parseIpv4(null)).isEmpty();
    }
}
