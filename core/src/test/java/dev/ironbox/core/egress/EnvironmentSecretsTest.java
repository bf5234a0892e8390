package dev.ironbox.core.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSecretsTest {

    private final EnvironmentSecrets secrets = new EnvironmentSecrets(
            Map.of("OPENAI_API_KEY", "sk-test-123", "EMPTY", "")::get);

    @Test
    void aSetVariableIsTheSecret() {
        assertThat(secrets.resolve("OPENAI_API_KEY")).contains("sk-test-123");
    }

    @Test
    void anUnsetOrEmptyVariableIsNoSecret() {
        assertThat(secrets.resolve("MISSING")).isEmpty();
        assertThat(secrets.resolve("EMPTY")).isEmpty();
        assertThat(secrets.resolve("")).isEmpty();
        assertThat(secrets.resolve(null)).isEmpty();
    }

    @Test
    void theDefaultReadsTheProcessEnvironment() {
        String name = System.getenv().keySet().stream()
                .filter(key -> !System.getenv(key).isEmpty()).findFirst().orElseThrow();

        assertThat(new EnvironmentSecrets().resolve(name)).contains(System.getenv(name));
        assertThat(new EnvironmentSecrets().resolve("IRONBOX_SURELY_UNSET_" + System.nanoTime())).isEmpty();
    }

    @Test
    void itNeverPrintsAValue() {
        assertThat(secrets.toString()).doesNotContain("sk-test-123");
        assertThatThrownBy(() -> new EnvironmentSecrets(null)).isInstanceOf(NullPointerException.class);
    }
}
