package dev.ironbox.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
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

    // ---- hostile input: bounded before it is looked at, refused with one short message, never a stack overflow ----

    static Stream<String> hostileReferences() {
        return Stream.of("a".repeat(10_000), "a".repeat(1_000_000), "a/".repeat(5000), "a:".repeat(5000),
                "a".repeat(ImageReference.MAX_LENGTH + 1), "b".repeat(254) + "-" + "/c".repeat(3),
                "\u00e9\u4e2d\uD83D\uDE00", "busy\nbox", "busybox\u0000:1", "busybox:1\r\n", "a/" + "-".repeat(400) + "b",
                "x@" + "sha256:".repeat(1000));
    }

    @ParameterizedTest
    @MethodSource("hostileReferences")
    void hostileReferencesAreRefusedWithAShortPrintableMessage(String text) {
        for (Runnable check : new Runnable[] {() -> ImageReference.parse(text), () -> ImageReference.requireUsable(text)}) {
            assertThatThrownBy(check::run)
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("is not a valid image reference")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("\n", "\r", "\u0000"));
        }
    }

    @Test
    void aReferenceOverTheLongestTheGrammarAllowsIsRefusedSayingSo() {
        assertThatThrownBy(() -> ImageReference.requireUsable("a".repeat(10_000)))
                .hasMessage("'" + "a".repeat(64) + "...' (10000 characters) is not a valid image reference: it is "
                        + "10000 characters long; a reference has at most 520 (a name of 255, a tag of 128 and a digest)");
    }

    @Test
    void longComponentsWithManySeparatorsAreCheckedWithoutRecursion() {
        // the old pattern recursed once per character of a component; these are within the name limit
        assertThat(ImageReference.parse("a" + "-b".repeat(120)).name()).hasSize(241);
        assertThat(ImageReference.parse("a" + "__b".repeat(80)).name()).hasSize(241);
        assertThat(ImageReference.parse("a" + "-".repeat(250) + "b").tag()).isEqualTo("latest");
        assertThatThrownBy(() -> ImageReference.parse("a" + "___b".repeat(50)))
                .hasMessageContaining("path component");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "busybox",
        "localhost/ironbox/busybox:1",
        "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "registry.example.com:5000/team/tools:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "3f2a9c0d1e2b",
    })
    void aRunMayNameADigestOrAnImageId(String text) {
        assertThat(ImageReference.requireUsable(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "busybox@sha256:0123|the digest 'sha256:0123'",
        "busybox@md5:0123456789abcdef0123456789abcdef|the digest",
        "busybox@sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF|the digest",
        "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|no repository",
        "Busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|path component 'Busybox'",
    })
    void aBadDigestIsRefused(String text, String problem) {
        assertThatThrownBy(() -> ImageReference.requireUsable(text))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(problem);
    }
}
