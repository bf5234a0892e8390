package dev.ironbox.core.model.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EgressDefaultsTest {

    @Test
    void theSeedsDefaultsParseAndHoldTogether() {
        EgressPolicy defaults = EgressPolicy.defaults();

        assertThat(defaults.allowlist()).hasSize(EgressDefaults.allowlist().size());
        assertThat(defaults.allowlist()).allMatch(rule -> rule.ports().equals(AllowRule.DEFAULT_PORTS));
        assertThat(EgressDefaults.allowlist()).contains("crates.io", "registry.npmjs.org", "pypi.org",
                "files.pythonhosted.org", "github.com", "api.github.com", "raw.githubusercontent.com",
                "api.openai.com", "api.anthropic.com", "docs.rs");
        assertThat(EgressDefaults.allowlist()).doesNotHaveDuplicates();
    }

    @Test
    void everyDefaultCredentialIsOptionalSoAMissingKeyNeverFailsARun() {
        assertThat(EgressDefaults.credentials()).isNotEmpty().allMatch(CredentialMapping::optional);
    }

    @Test
    void theSeedsCredentialMappings() {
        EgressPolicy defaults = EgressPolicy.defaults();

        assertThat(defaults.credentialFor("api.openai.com")).contains(
                CredentialMapping.bearer("api.openai.com", "OPENAI_API_KEY").asOptional());
        assertThat(defaults.credentialFor("api.anthropic.com")).contains(
                CredentialMapping.header("api.anthropic.com", "ANTHROPIC_API_KEY", "x-api-key").asOptional());
        assertThat(defaults.credentialFor("api.near.ai")).contains(
                CredentialMapping.bearer("api.near.ai", "NEARAI_API_KEY").asOptional());
        assertThat(defaults.credentialFor("github.com")).isEmpty();
    }

    @Test
    void theListsAreImmutable() {
        List<String> allowlist = EgressDefaults.allowlist();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> allowlist.add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
