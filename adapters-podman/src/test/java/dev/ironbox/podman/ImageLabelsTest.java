package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ImageUnavailableException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageLabelsTest {

    @Test
    void eachLabelIsOneInstructionWithItsValueVerbatimBetweenQuotes() {
        assertThat(ImageLabels.changes("t:1", Map.of("dev.ironbox.host-tools", "true", "a", "say \"hi\", \\ $HOME")))
                .containsExactly("LABEL a=\"say \"hi\", \\ $HOME\"", "LABEL dev.ironbox.host-tools=\"true\"");
    }

    @Test
    void noLabelsNoInstructions() {
        assertThat(ImageLabels.changes("t:1", Map.of())).isEmpty();
    }

    @Test
    void aKeyTheSyntaxCannotCarryIsRefusedNamingIt() {
        for (String key : new String[] {"a b", "a=b", "\"a\"", "", "-a"}) {
            assertThatThrownBy(() -> ImageLabels.changes("t:1", Map.of(key, "v")))
                    .isInstanceOf(ImageUnavailableException.class)
                    .hasMessageContaining("cannot label image t:1")
                    .hasMessageContaining("'" + key + "'");
        }
    }

    @Test
    void aValueWithALineBreakIsRefused() {
        assertThatThrownBy(() -> ImageLabels.changes("t:1", Map.of("k", "one\ntwo")))
                .isInstanceOf(ImageUnavailableException.class)
                .hasMessageContaining("label 'k'")
                .hasMessageContaining("line break");
    }
}
