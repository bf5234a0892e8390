package dev.ironbox.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Image references as the distribution grammar has them. */
class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
        "busybox, busybox, latest",
        "busybox:1, busybox, 1",
        "localhost/ironbox/busybox:1, localhost/ironbox/busybox, 1",
        "localhost:5000/team/tools, localhost:5000/team/tools, latest",
        "registry.example.com/a.b/c_d/e__f/g-h--i:v1.2_3-rc, registry.example.com/a.b/c_d/e__f/g-h--i, v1.2_3-rc",
        "Registry.Example.com:443/x:_under, Registry.Example.com:443/x, _under",
    })
    void validReferencesParseAndGetLatestWhenUntagged(String text, String name, String tag) {
        ImageReference reference = ImageReference.parse(text);
        assertThat(reference.name()).isEqualTo(name);
        assertThat(reference.tag()).isEqualTo(tag);
        assertThat(reference.toString()).isEqualTo(name + ":" + tag);
    }

    @Test
    void aTagOf128CharactersIsTheLongestAllowed() {
        assertThat(ImageReference.parse("x:" + "a".repeat(128)).tag()).hasSize(128);
        assertThatThrownBy(() -> ImageReference.parse("x:" + "a".repeat(129)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("tag");
    }

    @Test
    void aNameLongerThan255CharactersIsRefused() {
        assertThatThrownBy(() -> ImageReference.parse("a/".repeat(127) + "ab"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("longer than 255");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Busybox:1|path component 'Busybox'",
        "team/Tools|path component 'Tools'",
        "a//b|empty path component",
        "a/|empty path component",
        "/a|empty path component",
        "a b|path component 'a b'",
        "-a|path component '-a'",
        "a-|path component 'a-'",
        "a...b|path component 'a...b'",
        "busybox:|the tag ''",
        "busybox:.hidden|the tag '.hidden'",
        "busybox:-x|the tag '-x'",
        "busybox:a:b|the tag 'a:b'",
        "busybox:a/b|registry port",
        "busybox@sha256:0123|digest",
        "localhost:port/a|registry port",
        "bad_host.com/a|registry 'bad_host.com'",
        "-bad.com/a|registry '-bad.com'",
    })
    void invalidReferencesAreRefusedNamingTheProblem(String text, String problem) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("'" + text + "' is not a valid image reference")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anEmptyReferenceIsRefused(String text) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("empty");
    }
}
