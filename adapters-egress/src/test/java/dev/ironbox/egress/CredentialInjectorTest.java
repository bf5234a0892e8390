package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.egress.CredentialMapping;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

class CredentialInjectorTest {

    private static final String SECRET = "s3cret/+&=";
    private static final String ENCODED = "s3cret%2F%2B%26%3D";

    @Test
    void queryInjectionSetsTheParameterOnceAndEncodesTheSecret() {
        CredentialInjector injector = new CredentialInjector(CredentialMapping.query("api.example.com", "K", "key"),
                SECRET);
        assertThat(injector.rewriteQuery(null)).isEqualTo("key=" + ENCODED);
        assertThat(injector.rewriteQuery("")).isEqualTo("key=" + ENCODED);
        assertThat(injector.rewriteQuery("a=1")).isEqualTo("a=1&key=" + ENCODED);
        assertThat(injector.rewriteQuery("key=ironbox-placeholder-K&a=1&key=2")).isEqualTo("key=" + ENCODED + "&a=1");
        assertThat(injector.rewriteQuery("other=ironbox-placeholder-K")).isEqualTo("other=" + ENCODED + "&key="
                + ENCODED);
    }

    @Test
    void otherKindsReplaceOnlyThePlaceholderInTheQuery() {
        CredentialInjector injector = new CredentialInjector(CredentialMapping.bearer("api.example.com", "K"), SECRET);
        assertThat(injector.rewriteQuery(null)).isNull();
        assertThat(injector.rewriteQuery("a=1")).isEqualTo("a=1");
        assertThat(injector.rewriteQuery("t=ironbox-placeholder-K")).isEqualTo("t=" + ENCODED);
    }

    @Test
    void headersGetThePlaceholderReplacedAndTheCredentialSet() {
        CredentialInjector injector = new CredentialInjector(
                CredentialMapping.header("api.example.com", "K", "X-Api-Key"), SECRET);
        HttpFields.Mutable headers = HttpFields.build()
                .add("X-Api-Key", "wrong")
                .add("X-Echo", "a ironbox-placeholder-K b")
                .add(HttpHeader.ACCEPT, "*/*");
        injector.inject(headers);
        assertThat(headers.getValuesList("X-Api-Key")).containsExactly(SECRET);
        assertThat(headers.get("X-Echo")).isEqualTo("a " + SECRET + " b");
        assertThat(headers.get(HttpHeader.ACCEPT)).isEqualTo("*/*");
        assertThat(headers.get(HttpHeader.AUTHORIZATION)).isNull();
    }

    @Test
    void bearerReplacesAnyAuthorization() {
        CredentialInjector injector = new CredentialInjector(CredentialMapping.bearer("api.example.com", "K"), SECRET);
        HttpFields.Mutable headers = HttpFields.build().add(HttpHeader.AUTHORIZATION, "Basic Zm9vOmJhcg==");
        injector.inject(headers);
        assertThat(headers.getValuesList(HttpHeader.AUTHORIZATION)).containsExactly("Bearer " + SECRET);
    }

    @Test
    void theSecretStaysOutOfToString() {
        CredentialInjector injector = new CredentialInjector(CredentialMapping.bearer("api.example.com", "K"), SECRET);
        assertThat(injector.toString()).doesNotContain(SECRET).contains("api.example.com");
    }
}
