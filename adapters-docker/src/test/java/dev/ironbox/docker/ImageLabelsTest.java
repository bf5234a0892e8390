package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageLabelsTest {

    @Test
    void quotesKeyAndValue() {
        assertThat(ImageLabels.labelChange("dev.ironbox.host-tools", "1"))
                .isEqualTo("LABEL \"dev.ironbox.host-tools\"=\"1\"");
        assertThat(ImageLabels.labelChange("k", "")).isEqualTo("LABEL \"k\"=\"\"");
    }

    @Test
    void escapesWhatTheDockerfileWordSyntaxGivesMeaningInsideDoubleQuotes() {
        assertThat(ImageLabels.labelChange("k", "say \"hi\" a=b \\ $HOME"))
                .isEqualTo("LABEL \"k\"=\"say \\\"hi\\\" a=b \\\\ \\$HOME\"");
        assertThat(ImageLabels.labelChange("a\"b", "x")).isEqualTo("LABEL \"a\\\"b\"=\"x\"");
    }

    @Test
    void refusesEmptyKeysAndControlCharacters() {
        assertThatThrownBy(() -> ImageLabels.labelChange("", "v")).hasMessageContaining("non-empty key");
        assertThatThrownBy(() -> ImageLabels.labelChange("k", "line\nbreak"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value of label k")
                .hasMessageContaining("U+000A");
        assertThatThrownBy(() -> ImageLabels.labelChange("k\r", "v")).hasMessageContaining("key");
    }

    @Test
    void oneChangePerLabel() {
        assertThat(ImageLabels.changes(Map.of("a", "1"))).isEqualTo(List.of("LABEL \"a\"=\"1\""));
        assertThat(ImageLabels.changes(Map.of())).isEmpty();
    }

    @Test
    void theImportPathCarriesEveryChangeUrlEncoded() {
        assertThat(DockerImport.path("localhost/x:1", List.of("LABEL \"a\"=\"b c&d\"", "LABEL \"e\"=\"$\"")))
                .isEqualTo("/images/create?fromSrc=-&repo=localhost%2Fx%3A1"
                        + "&changes=LABEL+%22a%22%3D%22b+c%26d%22&changes=LABEL+%22e%22%3D%22%24%22");
        assertThat(DockerImport.path("localhost/x:1", List.of()))
                .isEqualTo("/images/create?fromSrc=-&repo=localhost%2Fx%3A1");
    }
}
