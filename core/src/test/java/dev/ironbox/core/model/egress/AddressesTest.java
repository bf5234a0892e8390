package dev.ironbox.core.model.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IP literals are parsed strictly and without DNS; non-public addresses are recognised in every form. */
class AddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "01.2.3.4", "256.0.0.1", "0x7f.0.0.1", "127.1", "1.2.3.",
            "example.com", "localhost", "", "::g", "fe80::1%1", "1:2:3:4:5:6:7:8:9", "12345::", ".::1", "::1."})
    void nonLiteralsAreNotAddresses(String text) {
        assertThat(IpLiterals.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "::, ::",
        "::1, ::1",
        "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
        "2001:db8::, 2001:db8::",
        "::ffff:192.0.2.1, 192.0.2.1",
        "64:ff9b::192.0.2.1, 64:ff9b::c000:201",
    })
    void literalsAreFormattedCanonically(String text, String canonical) {
        assertThat(IpLiterals.parse(text)).map(IpLiterals::format).contains(canonical);
    }

    @Test
    void aMappedIpv6AddressIsItsIpv4Address() throws Exception {
        InetAddress mapped = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, 1, 1},
                -1);

        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(IpLiterals.unwrapMapped(mapped)).isInstanceOf(Inet4Address.class);
        assertThat(IpLiterals.format(mapped)).isEqualTo("169.254.1.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
        "192.168.0.1", "169.254.169.254", "169.254.0.1", "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255",
        "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "::10.0.0.1",
        "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "2002:7f00:1::", "2002:a9fe:a9fe::1",
    })
    void nonPublicAddressesAreRecognised(String text) throws Exception {
        assertThat(SpecialAddresses.isNonPublic(InetAddress.getByName(text))).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "169.254.169.254", "0.0.0.0", "100.64.0.1", "172.16.5.4"})
    void ipv4MappedFormsOfNonPublicAddressesAreNonPublic(String text) throws Exception {
        byte[] v4 = InetAddress.getByName(text).getAddress();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(v4, 0, mapped, 12, 4);

        assertThat(SpecialAddresses.isNonPublic(Inet6Address.getByAddress(null, mapped, -1))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "203.0.113.7", "198.51.100.1", "172.15.255.255", "172.32.0.1",
        "100.63.255.255", "100.128.0.1", "169.253.255.255", "11.0.0.1", "192.167.255.255", "223.255.255.255",
        "2606:4700::1111", "2001:db8::1", "64:ff9b::8.8.8.8", "2002:808:808::1", "fbff::1", "fe7f::1"})
    void publicAddressesAreNot(String text) throws Exception {
        assertThat(SpecialAddresses.isNonPublic(InetAddress.getByName(text))).as(text).isFalse();
    }

    @Test
    void rangesContainWhatTheyShould() {
        Cidr range = Cidr.parseCanonical("172.16.0.0/12").orElseThrow();

        assertThat(range.contains(IpLiterals.parse("172.20.1.1").orElseThrow())).isTrue();
        assertThat(range.contains(IpLiterals.parse("172.32.0.0").orElseThrow())).isFalse();
        assertThat(range.contains(IpLiterals.parse("::1").orElseThrow())).isFalse();
        assertThat(Cidr.parseCanonical("0.0.0.0/0").orElseThrow()
                .contains(IpLiterals.parse("8.8.8.8").orElseThrow())).isTrue();
        assertThat(Cidr.parseCanonical("example.com")).isEmpty();
    }
}
