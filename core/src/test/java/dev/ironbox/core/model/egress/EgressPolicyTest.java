package dev.ironbox.core.model.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressPolicyTest {

    private static final InetAddress PUBLIC = address("203.0.113.7");

    private final EgressPolicy policy = EgressPolicy.of(
            List.of("api.example.com", "*.pkg.example", "internal.example:8443", "10.9.0.0/16:8443",
                    "192.168.1.5", "[::1]:9000"),
            List.of(CredentialMapping.bearer("api.example.com", "EXAMPLE_KEY")));

    @Test
    void anEmptyAllowlistDeniesEverything() {
        EgressPolicy none = EgressPolicy.denyAll();

        assertThat(none.allowsAnything()).isFalse();
        assertThat(none.judgeName("example.com", 443))
                .isEqualTo(EgressDecision.deny("no host is allowed (empty allowlist)"));
        assertThat(none.judgeAddress("example.com", 443, PUBLIC).allowed()).isFalse();
        assertThat(EgressPolicy.of(List.of(), List.of()).allowsAnything()).isFalse();
    }

    @Test
    void namesOnTheAllowlistPassOnTheirPorts() {
        assertThat(policy.allowsAnything()).isTrue();
        assertThat(policy.judgeName("api.example.com", 443).allowed()).isTrue();
        assertThat(policy.judgeName("API.EXAMPLE.COM.", 80).allowed()).isTrue();
        assertThat(policy.judgeName("pkg.example", 443).allowed()).isTrue();
        assertThat(policy.judgeName("a.b.pkg.example", 443).reason())
                .isEqualTo("a.b.pkg.example:443 is allowed by '*.pkg.example'");
        assertThat(policy.judgeName("internal.example", 8443).allowed()).isTrue();
    }

    @Test
    void otherNamesAreDeniedWithTheReason() {
        assertThat(policy.judgeName("evil.example.com", 443))
                .isEqualTo(EgressDecision.deny("evil.example.com is not on the allowlist"));
        assertThat(policy.judgeName("Example.com", 443).reason()).isEqualTo("example.com is not on the allowlist");
        assertThat(policy.judgeName("10.0.0.1", 443).reason()).isEqualTo("10.0.0.1 is not on the allowlist");
    }

    @Test
    void aPortNoMatchingRuleAllowsIsDeniedNamingTheAllowedPorts() {
        assertThat(policy.judgeName("api.example.com", 22)).isEqualTo(
                EgressDecision.deny("port 22 is not allowed for api.example.com (allowed: 80, 443)"));
        assertThat(policy.judgeName("internal.example", 443).reason())
                .isEqualTo("port 443 is not allowed for internal.example (allowed: 8443)");
        assertThat(policy.judgeName("api.example.com", 0).reason()).contains("port 0 is not a valid port");
        assertThat(policy.judgeName("api.example.com", 70000).reason()).contains("port 70000 is not a valid port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "exa mple.com", "a..b", "evil.com\r\nX-Injected: 1", "*.pkg.example"})
    void invalidHostNamesAreDeniedWithoutEchoingControlCharacters(String host) {
        EgressDecision decision = policy.judgeName(host, 443);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("is not a valid host name").doesNotContain("\r", "\n");
    }

    @Test
    void aPublicAddressPassesForAnAllowedName() {
        assertThat(policy.judgeAddress("api.example.com", 443, PUBLIC))
                .isEqualTo(EgressDecision.allow("api.example.com:443 is allowed by 'api.example.com'"));
    }

    @Test
    void theNameIsJudgedBeforeTheAddress() {
        assertThat(policy.judgeAddress("evil.example.com", 443, PUBLIC).reason())
                .isEqualTo("evil.example.com is not on the allowlist");
        assertThat(policy.judgeAddress("api.example.com", 22, PUBLIC).reason())
                .startsWith("port 22 is not allowed");
        assertThat(policy.judgeAddress("api.example.com", 443, null).reason())
                .isEqualTo("api.example.com did not resolve to an address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.0.1", "169.254.169.254", "0.0.0.0",
            "100.64.0.1", "224.0.0.1", "::1", "::", "fd00::1", "fe80::1", "ff02::1"})
    void anAllowedNameThatResolvesToANonPublicAddressIsDenied(String text) {
        InetAddress resolved = address(text);

        EgressDecision decision = policy.judgeAddress("api.example.com", 443, resolved);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("api.example.com resolves to " + IpLiterals.format(resolved)
                + " (a private address); only an allowlist entry naming that address or range allows it");
    }

    @Test
    void theIpv4MappedFormOfAPrivateAddressIsDeniedToo() throws Exception {
        InetAddress mapped = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254,
                    (byte) 169, (byte) 254}, -1);

        assertThat(policy.judgeAddress("api.example.com", 443, mapped).reason())
                .startsWith("api.example.com resolves to 169.254.169.254 (a private address)");
    }

    @Test
    void anEntryNamingTheAddressOrRangeAllowsIt() {
        assertThat(policy.judgeAddress("internal.example", 8443, address("10.9.3.4")))
                .isEqualTo(EgressDecision.allow(
                        "internal.example resolves to 10.9.3.4, named by '10.9.0.0/16:8443'"));
        assertThat(policy.judgeAddress("10.9.3.4", 8443, address("10.9.3.4")).allowed()).isTrue();
        assertThat(policy.judgeAddress("192.168.1.5", 443, address("192.168.1.5")).allowed()).isTrue();
        assertThat(policy.judgeAddress("[::1]", 9000, address("::1")).allowed()).isTrue();
        assertThat(policy.judgeAddress("::1", 443, address("::1")).reason()).startsWith("port 443 is not allowed");
    }

    @Test
    void aRangeRuleDoesNotOpenItsAddressOnOtherPortsOrOtherAddresses() {
        assertThat(policy.judgeAddress("api.example.com", 443, address("10.9.3.4")).allowed()).isFalse();
        assertThat(policy.judgeAddress("internal.example", 8443, address("10.10.0.1")).allowed()).isFalse();
        assertThat(policy.judgeAddress("internal.example", 8443, address("192.168.1.6")).allowed()).isFalse();
    }

    @Test
    void localhostByNameStillNeedsTheAddress() {
        EgressPolicy byName = EgressPolicy.of(List.of("localhost"), List.of());
        EgressPolicy byAddress = EgressPolicy.of(List.of("localhost", "127.0.0.1"), List.of());

        assertThat(byName.judgeName("localhost", 80).allowed()).isTrue();
        assertThat(byName.judgeAddress("localhost", 80, address("127.0.0.1")).allowed()).isFalse();
        assertThat(byAddress.judgeAddress("localhost", 80, address("127.0.0.1")).allowed()).isTrue();
        assertThat(byAddress.judgeAddress("localhost", 80, address("127.0.0.2")).allowed()).isFalse();
    }

    @Test
    void credentialsGoToTheirExactHostOnly() {
        assertThat(policy.credentialFor("api.example.com")).map(CredentialMapping::secretName)
                .contains("EXAMPLE_KEY");
        assertThat(policy.credentialFor("API.Example.Com.")).isPresent();
        assertThat(policy.credentialFor("x.api.example.com")).isEmpty();
        assertThat(policy.credentialFor("example.com")).isEmpty();
        assertThat(policy.credentialFor(null)).isEmpty();
    }

    @Test
    void aCredentialHostCoveredByAWildcardOrRangeIsAccepted() {
        EgressPolicy wild = EgressPolicy.of(List.of("*.pkg.example", "10.0.0.0/8:8443"), List.of(
                CredentialMapping.bearer("registry.pkg.example", "PKG"),
                CredentialMapping.header("10.1.2.3", "INTERNAL", "X-Token")));

        assertThat(wild.credentialFor("registry.pkg.example")).isPresent();
        assertThat(wild.credentialFor("other.pkg.example")).isEmpty();
        assertThat(wild.credentialFor("10.1.2.3")).isPresent();
        assertThat(wild.secretNames()).containsExactly("PKG", "INTERNAL");
    }

    @Test
    void aCredentialForAHostNotOnTheAllowlistIsRefused() {
        assertThatThrownBy(() -> EgressPolicy.of(List.of("example.com"),
                List.of(CredentialMapping.bearer("api.openai.com", "OPENAI_API_KEY"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("credential for api.openai.com: api.openai.com is not on the allowlist");
        assertThatThrownBy(() -> EgressPolicy.of(List.of(),
                List.of(CredentialMapping.bearer("api.openai.com", "OPENAI_API_KEY"))))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void twoCredentialsForOneHostAreRefused() {
        List<String> allow = List.of("api.example.com");

        assertThatThrownBy(() -> EgressPolicy.of(allow, List.of(CredentialMapping.bearer("api.example.com", "K"),
                CredentialMapping.header("API.example.com", "K", "x-key"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("credential for api.example.com: K is mapped twice");
        assertThatThrownBy(() -> EgressPolicy.of(allow, List.of(CredentialMapping.bearer("api.example.com", "K"),
                CredentialMapping.bearer("api.example.com", "OTHER"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("api.example.com already has a credential (K)");
    }

    @Test
    void secretNamesAreListedOnceInOrder() {
        EgressPolicy two = EgressPolicy.of(List.of("a.example", "b.example", "c.example"), List.of(
                CredentialMapping.bearer("b.example", "B"), CredentialMapping.bearer("a.example", "A"),
                CredentialMapping.bearer("c.example", "B")));

        assertThat(two.secretNames()).containsExactly("B", "A");
        assertThatThrownBy(() -> two.secretNames().add("X")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMalformedEntryFailsTheWholePolicy() {
        assertThatThrownBy(() -> EgressPolicy.of(List.of("example.com", "http://x"), List.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("allowlist entry 'http://x'");
    }

    @Test
    void duplicateRulesAreKeptOnce() {
        EgressPolicy twice = EgressPolicy.of(List.of("example.com", "EXAMPLE.com.", "example.com:8080"), List.of());

        assertThat(twice.allowlist()).hasSize(2);
    }

    @Test
    void theDefaultsCanBeExtended() {
        EgressPolicy extended = EgressPolicy.withDefaults(List.of("internal.example:8443", "crates.io"),
                List.of(CredentialMapping.bearer("internal.example", "INTERNAL_TOKEN")));

        assertThat(extended.allowlist()).hasSize(EgressDefaults.allowlist().size() + 1);
        assertThat(extended.judgeName("internal.example", 8443).allowed()).isTrue();
        assertThat(extended.judgeName("crates.io", 443).allowed()).isTrue();
        assertThat(extended.secretNames())
                .containsExactly("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "NEARAI_API_KEY", "INTERNAL_TOKEN");
    }

    @Test
    void anExtraCredentialReplacesTheDefaultForItsHost() {
        EgressPolicy extended = EgressPolicy.withDefaults(List.of(),
                List.of(CredentialMapping.parse("api.openai.com=MY_OPENAI_KEY")));

        assertThat(extended.credentialFor("api.openai.com")).map(CredentialMapping::secretName)
                .contains("MY_OPENAI_KEY");
        assertThat(extended.credentialFor("api.openai.com")).map(CredentialMapping::optional).contains(false);
        assertThat(extended.secretNames()).doesNotContain("OPENAI_API_KEY").contains("ANTHROPIC_API_KEY");
    }

    @Test
    void theDefaultsCanBeReplaced() {
        EgressPolicy replaced = EgressPolicy.of(List.of("only.example"), List.of());

        assertThat(replaced.judgeName("crates.io", 443).allowed()).isFalse();
        assertThat(replaced.secretNames()).isEmpty();
    }

    @Test
    void extendingAnyPolicyKeepsItsRules() {
        EgressPolicy extended = policy.extendedWith(List.of("more.example"), List.of());

        assertThat(extended.allowlist()).containsAll(policy.allowlist());
        assertThat(extended.judgeName("more.example", 443).allowed()).isTrue();
        assertThat(extended.credentials()).isEqualTo(policy.credentials());
    }

    private static InetAddress address(String literal) {
        return IpLiterals.parse(literal).orElseThrow();
    }
}
