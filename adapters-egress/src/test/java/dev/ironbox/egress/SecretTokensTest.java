package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTokensTest {

    private final SecretTokens tokens = new SecretTokens();

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.ISO_8859_1.decode(buffer).toString();
    }

    @Test
    void everyKnownTokenIsReplacedWhereverItStands() {
        String bearer = tokens.forHeader("s3cret");
        String query = tokens.forQuery("a%2Fb");
        ByteBuffer in = ascii("GET /x?key=" + query + " HTTP/1.1\r\nAuthorization: Bearer " + bearer + "\r\nX: "
                + bearer + bearer + "\r\n\r\n");
        int position = in.position();
        assertThat(text(tokens.substitute(in))).isEqualTo(
                "GET /x?key=a%2Fb HTTP/1.1\r\nAuthorization: Bearer s3cret\r\nX: s3crets3cret\r\n\r\n");
        assertThat(in.position()).isEqualTo(position);
        assertThat(text(tokens.substitute(ascii(bearer)))).isEqualTo("s3cret");
    }

    @Test
    void aBufferWithoutAKnownTokenIsNotCopied() {
        String token = tokens.forHeader("s3cret");
        assertThat(tokens.substitute(ascii("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"))).isNull();
        String unknown = "ironbox-secret-" + "0".repeat(32);
        assertThat(tokens.substitute(ascii("X: " + unknown + "\r\n"))).isNull();
        tokens.forget(token);
        assertThat(tokens.substitute(ascii("X: " + token + "\r\n"))).isNull();
    }

    @Test
    void aHeaderSecretCannotBreakTheHeaderBlock() {
        String token = tokens.forHeader("a\r\nEvil: 1\u20ac");
        assertThat(text(tokens.substitute(ascii("X: " + token + "\r\n")))).isEqualTo("X: a  Evil: 1?\r\n");
    }

    @Test
    void aLongSecretGrowsTheCopy() {
        String secret = "k".repeat(10_000);
        String token = tokens.forHeader(secret);
        assertThat(text(tokens.substitute(ascii("A: " + token + "\r\nB: " + token + "\r\n"))))
                .isEqualTo("A: " + secret + "\r\nB: " + secret + "\r\n");
    }
}
