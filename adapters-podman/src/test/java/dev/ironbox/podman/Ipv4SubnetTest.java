package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ipv4SubnetTest {

    private static Ipv4Subnet subnet(String cidr) {
        return Ipv4Subnet.parse(cidr).orElseThrow();
    }

    @Test
    void parsesCidrAndRejectsEverythingElse() {
        assertThat(subnet("10.89.3.0/24")).hasToString("10.89.3.0/24");
        assertThat(subnet("10.89.3.77/24")).hasToString("10.89.3.0/24");
        assertThat(Ipv4Subnet.parse("fd00::/64")).isEmpty();
        assertThat(Ipv4Subnet.parse("10.89.3.0")).isEmpty();
        assertThat(Ipv4Subnet.parse("10.89.300.0/24")).isEmpty();
        assertThat(Ipv4Subnet.parse("10.89.3.0/33")).isEmpty();
        assertThat(Ipv4Subnet.parse(null)).isEmpty();
    }

    @Test
    void splitsIntoSlash24sInOrder() {
        assertThat(subnet("10.89.0.0/16").slash24s()).hasSize(256)
                .startsWith(subnet("10.89.0.0/24"), subnet("10.89.1.0/24"))
                .endsWith(subnet("10.89.255.0/24"));
        assertThat(subnet("192.168.7.0/24").slash24s()).containsExactly(subnet("192.168.7.0/24"));
        assertThat(subnet("192.168.7.0/25").slash24s()).isEmpty();
    }

    @Test
    void overlapsWhenEitherContainsTheOther() {
        assertThat(subnet("10.89.0.0/16").overlaps(subnet("10.89.4.0/24"))).isTrue();
        assertThat(subnet("10.89.4.0/24").overlaps(subnet("10.89.0.0/16"))).isTrue();
        assertThat(subnet("10.89.4.0/24").overlaps(subnet("10.89.5.0/24"))).isFalse();
        assertThat(subnet("10.88.0.0/16").overlaps(subnet("10.89.0.0/24"))).isFalse();
        assertThat(subnet("0.0.0.0/0").overlaps(subnet("10.89.0.0/24"))).isTrue();
    }

    @Test
    void theGatewayIsTheFirstHost() {
        assertThat(subnet("10.89.12.0/24").firstHost()).isEqualTo("10.89.12.1");
        assertThat(subnet("172.31.255.0/24").firstHost()).isEqualTo("172.31.255.1");
    }
}
