package dev.ironbox.core.model.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialMappingTest {

    @Test
    void bearerIsTheDefault() {
        CredentialMapping mapping = CredentialMapping.parse("api.openai.com=OPENAI_API_KEY");

        assertThat(mapping).isEqualTo(new CredentialMapping("api.openai.com", "OPENAI_API_KEY",
                InjectionKind.BEARER, "", false));
    }

    @Test
    void everyFormParses() {
        assertThat(CredentialMapping.parse("API.Example.com.=KEY,bearer"))
                .isEqualTo(CredentialMapping.bearer("api.example.com", "KEY"));
        assertThat(CredentialMapping.parse("api.anthropic.com=ANTHROPIC_API_KEY,header=x-api-key"))
                .isEqualTo(CredentialMapping.header("api.anthropic.com", "ANTHROPIC_API_KEY", "x-api-key"));
        assertThat(CredentialMapping.parse("maps.example.com=MAPS_KEY,query=key,optional"))
                .isEqualTo(CredentialMapping.query("maps.example.com", "MAPS_KEY", "key").asOptional());
        assertThat(CredentialMapping.parse(" h.example = _K1 , OPTIONAL , Header = X-Token "))
                .isEqualTo(CredentialMapping.header("h.example", "_K1", "X-Token").asOptional());
        assertThat(CredentialMapping.parse("10.0.0.5=K").host()).isEqualTo("10.0.0.5");
        assertThat(CredentialMapping.parse("[::1]=K").host()).isEqualTo("::1");
        assertThat(CredentialMapping.parse("::1=K").host()).isEqualTo("::1");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                            | expected HOST=ENV_VAR",
        "api.example.com                 | expected HOST=ENV_VAR",
        "=KEY                            | no host before '='",
        "api.example.com=                | no environment variable",
        "api.example.com=,bearer         | no environment variable",
        "api.example.com=1KEY            | secret name '1KEY' is not an environment variable name",
        "api.example.com=MY-KEY          | secret name 'MY-KEY' is not an environment variable name",
        "api.example.com=KEY,header      | 'header' needs a name",
        "api.example.com=KEY,header=     | 'header' needs a name",
        "api.example.com=KEY,query       | 'query' needs a name",
        "api.example.com=KEY,header=x y  | header name 'x y' has characters an HTTP token cannot have",
        "api.example.com=KEY,header=a:b  | header name 'a:b' has characters",
        "api.example.com=KEY,query=a&b   | query parameter name 'a&b' has characters",
        "api.example.com=KEY,header=Host | header 'Host' frames or routes the request",
        "api.example.com=KEY,header=content-length | frames or routes",
        "api.example.com=KEY,bearer=x    | 'bearer' takes no value",
        "api.example.com=KEY,optional=1  | 'optional' takes no value",
        "api.example.com=KEY,basic       | unknown option 'basic'",
        "api.example.com=KEY,            | unknown option ''",
        "api.example.com=KEY,bearer,header=x | more than one injection kind",
        "api.example.com=KEY,query=a,query=b | more than one injection kind",
        "*.example.com=KEY               | not a wildcard",
        "api.example.com:443=KEY         | the host takes no port",
        "[::1]:443=KEY                   | the host takes no port",
        "https://api.example.com=KEY     | not a URL, path or range",
        "10.0.0.0/8=KEY                  | not a URL, path or range",
        "exa mple.com=KEY                | character ' ' is not allowed",
        "a..b=KEY                        | empty label",
    })
    void malformedMappingsAreRefusedNamingTheEntry(String text, String problem) {
        assertThatThrownBy(() -> CredentialMapping.parse(text))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("credential '" + text.trim() + "'")
                .hasMessageContaining(problem);
    }

    @Test
    void theConstructorValidatesToo() {
        assertThatThrownBy(() -> new CredentialMapping("api.example.com", "KEY", null, "", false))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("no injection kind");
        assertThatThrownBy(() -> CredentialMapping.bearer(null, "KEY"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("host is empty");
        assertThatThrownBy(() -> CredentialMapping.bearer("api.example.com", null))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("secret name");
        assertThatThrownBy(() -> new CredentialMapping("a.example", "K", InjectionKind.BEARER, "X", false))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("bearer takes no name");
        assertThat(new CredentialMapping("a.example", "K", InjectionKind.BEARER, null, false).parameterName())
                .isEmpty();
    }

    @Test
    void thePlaceholderIsStableAndNamesTheSecret() {
        CredentialMapping mapping = CredentialMapping.bearer("api.openai.com", "OPENAI_API_KEY");

        assertThat(mapping.placeholder()).isEqualTo("ironbox-placeholder-OPENAI_API_KEY");
        assertThat(CredentialMapping.parse("other.example=OPENAI_API_KEY").placeholder())
                .isEqualTo(mapping.placeholder());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.openai.com=OPENAI_API_KEY,bearer", "api.anthropic.com=K,header=x-api-key,optional",
            "maps.example=K,query=key", "::1=K,bearer"})
    void toStringParsesBack(String text) {
        CredentialMapping mapping = CredentialMapping.parse(text);

        assertThat(mapping.toString()).isEqualTo(text);
        assertThat(CredentialMapping.parse(mapping.toString())).isEqualTo(mapping);
    }
}
