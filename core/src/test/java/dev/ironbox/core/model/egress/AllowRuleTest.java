package dev.ironbox.core.model.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowRuleTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "example.com              | example.com       | 80;443",
        "Example.COM.             | example.com       | 80;443",
        "  api.example.com  | api.example.com   | 80;443",
        "example.com:8443         | example.com       | 8443",
        "*.Example.com            | *.example.com     | 80;443",
        "*.example.com.:443       | *.example.com     | 443",
        "localhost                | localhost         | 80;443",
        "under_score.example.com  | under_score.example.com | 80;443",
        "xn--bcher-kva.example    | xn--bcher-kva.example | 80;443",
        "203.0.113.7              | 203.0.113.7       | 80;443",
        "203.0.113.7:8080         | 203.0.113.7       | 8080",
        "::1                      | ::1               | 80;443",
        "0:0:0:0:0:0:0:1          | ::1               | 80;443",
        "[::1]                    | ::1               | 80;443",
        "[::1]:8080               | ::1               | 8080",
        "[2001:DB8::A]:443        | 2001:db8::a       | 443",
        "::ffff:10.0.0.1          | 10.0.0.1          | 80;443",
        "10.0.0.0/8               | 10.0.0.0/8        | 80;443",
        "10.0.0.0/8:5432          | 10.0.0.0/8        | 5432",
        "192.168.1.7/32           | 192.168.1.7       | 80;443",
        "0.0.0.0/0                | 0.0.0.0/0         | 80;443",
        "fd00::/8                 | fd00::/8          | 80;443",
        "FD00::/8:443             | fd00::/8          | 443",
        "[fd00::]/8:443           | fd00::/8          | 443",
        "[fd00::/8]:443           | fd00::/8          | 443",
        "example.com:00443        | example.com       | 443",
        "example.com:65535        | example.com       | 65535",
    })
    void parsesAndNormalisesEveryForm(String text, String pattern, String ports) {
        AllowRule rule = AllowRule.parse(text);

        assertThat(rule.pattern()).isEqualTo(pattern);
        assertThat(rule.ports()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(ports.split(";")).map(Integer::valueOf).toList());
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                       | must not be empty",
        "\"   \"                    | must not be empty",
        "*.                       | needs a domain after it",
        "*                        | '*' alone would allow every host",
        "*:443                    | '*' alone",
        "http://example.com       | scheme",
        "https://example.com:443  | scheme",
        "example.com/path         | a path is not allowed",
        "example.com:443/x        | a path is not allowed",
        "*.*.example.com          | only one wildcard",
        "a.*.example.com          | only allowed as the whole first label",
        "foo*.example.com         | only allowed as the whole first label",
        "*example.com             | only allowed as the whole first label",
        "\"exa mple.com\"           | character ' ' is not allowed",
        "exa$mple.com             | character '$' is not allowed",
        "bücher.example           | punycode",
        "a..example.com           | empty label",
        ".example.com             | empty label",
        "-a.example.com           | starts or ends with '-'",
        "a-.example.com           | starts or ends with '-'",
        "example.com:0            | port 0 is out of range",
        "example.com:65536        | port 65536 is out of range",
        "example.com:999999       | out of range",
        "example.com:https        | port 'https' is not a number",
        "example.com:-1           | port '-1' is not a number",
        "example.com:             | missing port",
        ":443                     | no host before the port",
        "10.0.0.0/33              | prefix /33 is out of range for an IPv4 address (0-32)",
        "fd00::/129               | prefix /129 is out of range for an IPv6 address (0-128)",
        "10.0.0.0/x               | prefix '/x' is not a number",
        "10.0.0.0/                | prefix '/' is not a number",
        "10.1.0.0/8               | did you mean '10.0.0.0/8'",
        "256.1.1.1                | not a valid IP address",
        "1.2.3                    | not a valid IP address",
        "010.0.0.1                | not a valid IP address",
        "[::1                     | without a closing ']'",
        "[10.0.0.1]:80            | brackets are only for IPv6",
        "[::1]x                   | unexpected 'x' after ']'",
        "::1::2                   | not a valid IPv6 address",
        "fe80::1%eth0             | not a valid IPv6 address",
    })
    void malformedEntriesAreRefusedNamingTheEntryAndTheProblem(String text, String problem) {
        assertThatThrownBy(() -> AllowRule.parse(text))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("allowlist entry '" + text.trim() + "': ")
                .hasMessageContaining(problem);
    }

    @Test
    void labelAndNameLengthsAreLimited() {
        String label63 = "a".repeat(63);
        assertThat(AllowRule.parse(label63 + ".example.com").pattern()).startsWith(label63);
        assertThatThrownBy(() -> AllowRule.parse("a".repeat(64) + ".example.com"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("is 64 characters long; at most 63");

        String name253 = String.join(".", "a".repeat(61), "b".repeat(63), "c".repeat(63), "d".repeat(63));
        assertThat(name253).hasSize(253);
        assertThat(AllowRule.parse(name253).pattern()).isEqualTo(name253);
        assertThat(AllowRule.parse(name253 + ".").pattern()).isEqualTo(name253);
        assertThatThrownBy(() -> AllowRule.parse("x" + name253))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("254 characters long; at most 253");
    }

    @Test
    void anExactNameMatchesOnlyItselfCaseInsensitively() {
        AllowRule rule = AllowRule.parse("api.example.com");

        assertThat(rule.matchesName("api.example.com", 443)).isTrue();
        assertThat(rule.matchesName("API.Example.COM", 80)).isTrue();
        assertThat(rule.matchesName("api.example.com.", 443)).isTrue();
        assertThat(rule.matchesName("x.api.example.com", 443)).isFalse();
        assertThat(rule.matchesName("example.com", 443)).isFalse();
        assertThat(rule.matchesName("api.example.com.evil.net", 443)).isFalse();
        assertThat(rule.matchesName("api.example.com", 8443)).isFalse();
        assertThat(rule.matchesName(null, 443)).isFalse();
        assertThat(rule.matchesName("", 443)).isFalse();
    }

    @Test
    void aWildcardMatchesItsDomainAndEveryNameUnderIt() {
        AllowRule rule = AllowRule.parse("*.example.com");

        assertThat(rule.matchesName("example.com", 443)).isTrue();
        assertThat(rule.matchesName("a.example.com", 443)).isTrue();
        assertThat(rule.matchesName("a.b.EXAMPLE.com", 80)).isTrue();
        assertThat(rule.matchesName("badexample.com", 443)).isFalse();
        assertThat(rule.matchesName("example.com.evil.net", 443)).isFalse();
        assertThat(rule.matchesName("example.org", 443)).isFalse();
        assertThat(rule.matchesName("a.example.com", 22)).isFalse();
        assertThat(rule.isWildcard()).isTrue();
        assertThat(rule.isName()).isTrue();
    }

    @Test
    void anExplicitPortReplacesTheDefaults() {
        AllowRule rule = AllowRule.parse("example.com:8443");

        assertThat(rule.matchesName("example.com", 8443)).isTrue();
        assertThat(rule.matchesName("example.com", 443)).isFalse();
        assertThat(rule.matchesName("example.com", 80)).isFalse();
    }

    @Test
    void addressRulesMatchIpLiteralHostsOnly() throws Exception {
        AllowRule single = AllowRule.parse("203.0.113.7");
        AllowRule range = AllowRule.parse("10.0.0.0/8");
        AllowRule v6 = AllowRule.parse("fd00::/8");

        assertThat(single.isName()).isFalse();
        assertThat(single.matchesName("203.0.113.7", 443)).isTrue();
        assertThat(single.matchesName("203.0.113.8", 443)).isFalse();
        assertThat(range.matchesName("10.200.3.4", 80)).isTrue();
        assertThat(range.matchesName("11.0.0.1", 80)).isFalse();
        assertThat(range.matchesName("[::ffff:10.1.2.3]", 80)).isTrue();
        assertThat(range.matchesName("ten.example.com", 80)).isFalse();
        assertThat(v6.matchesName("[FD12::1]", 443)).isTrue();
        assertThat(v6.matchesName("fd12:0:0:0:0:0:0:1", 443)).isTrue();
        assertThat(v6.matchesName("fe80::1", 443)).isFalse();
        assertThat(v6.matchesName("10.0.0.1", 443)).isFalse();
        assertThat(AllowRule.parse("example.com").matchesName("203.0.113.7", 443)).isFalse();
    }

    @Test
    void onlyAddressRulesCoverAnAddress() throws Exception {
        InetAddress ten = InetAddress.getByName("10.1.2.3");
        InetAddress mappedTen = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3}, -1);
        InetAddress loopback6 = InetAddress.getByName("::1");

        assertThat(AllowRule.parse("10.0.0.0/8").coversAddress(ten, 443)).isTrue();
        assertThat(AllowRule.parse("10.0.0.0/8").coversAddress(mappedTen, 443)).isTrue();
        assertThat(AllowRule.parse("10.0.0.0/8").coversAddress(ten, 22)).isFalse();
        assertThat(AllowRule.parse("10.0.0.0/8:22").coversAddress(ten, 22)).isTrue();
        assertThat(AllowRule.parse("10.1.2.3").coversAddress(ten, 80)).isTrue();
        assertThat(AllowRule.parse("10.1.2.4").coversAddress(ten, 80)).isFalse();
        assertThat(AllowRule.parse("::1").coversAddress(loopback6, 80)).isTrue();
        assertThat(AllowRule.parse("fd00::/8").coversAddress(ten, 80)).isFalse();
        assertThat(AllowRule.parse("*.example.com").coversAddress(ten, 80)).isFalse();
        assertThat(AllowRule.parse("localhost").coversAddress(InetAddress.getByName("127.0.0.1"), 80)).isFalse();
        assertThat(AllowRule.parse("10.0.0.0/8").coversAddress(null, 80)).isFalse();
    }

    @Test
    void theConstructorValidatesAndNormalisesToo() {
        assertThat(new AllowRule("Example.COM.", Set.of(443)).pattern()).isEqualTo("example.com");
        assertThat(new AllowRule("Example.COM", Set.of(443))).isEqualTo(AllowRule.parse("example.com:443"));
        assertThatThrownBy(() -> new AllowRule("*", Set.of(443))).isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> new AllowRule("example.com", Set.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("no port");
        assertThatThrownBy(() -> new AllowRule("example.com", Set.of(70000)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("70000");
    }

    @ParameterizedTest
    @CsvSource({"example.com", "*.example.com:8443", "[::1]:8080", "10.0.0.0/8:5432", "fd00::/8:443", "::1",
            "203.0.113.7:80"})
    void toStringIsAnEntryThatParsesBackToTheSameRule(String text) {
        AllowRule rule = AllowRule.parse(text);

        assertThat(AllowRule.parse(rule.toString())).isEqualTo(rule);
        assertThat(rule.toString()).isEqualTo(text);
    }

    @Test
    void portsTextIsSorted() {
        assertThat(AllowRule.parse("example.com").portsText()).isEqualTo("80, 443");
    }
}
