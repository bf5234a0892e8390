package dev.ironbox.core.model.egress;

import java.util.List;

/**
 * The seed's defaults, as data: IronClaw's default network allowlist and default credential mappings, from
 * {@code default_allowlist()} and {@code default_credential_mappings()} in {@code src/sandbox/config.rs} of
 * github.com/nearai/ironclaw (the list every stored version of that file shares). Ironbox marks every default
 * credential optional, so a key missing from the host's environment never fails a run: the request then simply
 * goes out without it.
 */
public final class EgressDefaults {

    private static final List<String> ALLOWLIST = List.of(
            // package registries
            "crates.io", "static.crates.io", "index.crates.io", "registry.npmjs.org", "proxy.golang.org",
            "pypi.org", "files.pythonhosted.org",
            // documentation
            "docs.rs", "doc.rust-lang.org", "nodejs.org", "go.dev", "docs.python.org",
            // version control
            "github.com", "raw.githubusercontent.com", "api.github.com", "codeload.github.com",
            // LLM APIs (credentials added by the proxy)
            "api.openai.com", "api.anthropic.com", "api.near.ai");

    private EgressDefaults() {}

    /** The default allowlist entries: exact names, on the default ports 80 and 443. */
    public static List<String> allowlist() {
        return ALLOWLIST;
    }

    /**
     * The default credentials, all optional: {@code OPENAI_API_KEY} as a bearer token for {@code api.openai.com},
     * {@code ANTHROPIC_API_KEY} in header {@code x-api-key} for {@code api.anthropic.com}, {@code NEARAI_API_KEY}
     * as a bearer token for {@code api.near.ai}.
     */
    public static List<CredentialMapping> credentials() {
        return List.of(
                CredentialMapping.bearer("api.openai.com", "OPENAI_API_KEY").asOptional(),
                CredentialMapping.header("api.anthropic.com", "ANTHROPIC_API_KEY", "x-api-key").asOptional(),
                CredentialMapping.bearer("api.near.ai", "NEARAI_API_KEY").asOptional());
    }
}
