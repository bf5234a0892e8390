package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link SecretTokens} and the {@link TokenSwap} that puts secrets in their place, partial writes included. */
class SecretTokensTest {

    private static final String HOST = "api.example.com";

    private final SecretTokens tokens = new SecretTokens();
    private final TokenSwap swap = new TokenSwap(tokens, HOST);

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.ISO_8859_1.decode(buffer).toString();
    }

    /** A write as Jetty's sender makes one for a request head: head, chunk, content. */
    private static ByteBuffer[] head(TokenSwap swap, ByteBuffer head, ByteBuffer content) {
        ByteBuffer[] write = {head, ByteBuffer.allocate(0), content};
        swap.markHead(write);
        return write;
    }

    /** What goes down when the layer below takes everything at once; null when nothing is swapped. */
    private String swapped(ByteBuffer in) throws IOException {
        TokenSwap.Swap s = swap.prepare(head(swap, in, ByteBuffer.allocate(0)));
        return s == null ? null : text(s.view()[0].duplicate());
    }

    /** What goes down when the layer below takes at most {@code step} bytes per call, as a socket or engine may. */
    private String trickled(int step, ByteBuffer[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int calls = 0;
        while (in[in.length - 1].hasRemaining()) {
            TokenSwap.Swap s = swap.prepare(in);
            ByteBuffer[] down = s == null ? in : s.view();
            int left = step;
            for (ByteBuffer buffer : down) {
                while (left > 0 && buffer.hasRemaining()) {
                    out.write(buffer.get());
                    left--;
                }
            }
            if (s != null) {
                s.settle();
            }
            assertThat(++calls).isLessThan(100_000);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyKnownTokenForTheHostIsReplacedWhereverItStands() throws IOException {
        String bearer = tokens.forHeader("s3cret", HOST);
        String query = tokens.forQuery("a%2Fb", HOST);
        ByteBuffer in = ascii("GET /x?key=" + query + " HTTP/1.1\r\nAuthorization: Bearer " + bearer + "\r\nX: "
                + bearer + bearer + "\r\n\r\n");
        int position = in.position();
        assertThat(swapped(in)).isEqualTo(
                "GET /x?key=a%2Fb HTTP/1.1\r\nAuthorization: Bearer s3cret\r\nX: s3crets3cret\r\n\r\n");
        assertThat(in.position()).isEqualTo(position);
        assertThat(swapped(ascii(bearer))).isEqualTo("s3cret");
    }

    @Test
    void aBufferWithoutAKnownTokenForTheHostIsNotCopied() throws IOException {
        String token = tokens.forHeader("s3cret", HOST);
        String elsewhere = tokens.forHeader("other", "other.example.com");
        assertThat(swapped(ascii("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"))).isNull();
        assertThat(swapped(ascii("X: ironbox-secret-" + "0".repeat(32) + "\r\n"))).isNull();
        assertThat(swapped(ascii("X: " + elsewhere + "\r\n"))).isNull();
        tokens.forget(token);
        assertThat(swapped(ascii("X: " + token + "\r\n"))).isNull();
    }

    @Test
    void theHostIsComparedAsThePolicyComparesIt() throws IOException {
        String token = tokens.forHeader("s3cret", "API.Example.com.");
        String v6 = tokens.forHeader("six", "[::1]");
        assertThat(swapped(ascii("X: " + token + "\r\n"))).isEqualTo("X: s3cret\r\n");
        TokenSwap loopback = new TokenSwap(tokens, "0:0:0:0:0:0:0:1");
        assertThat(text(loopback.prepare(head(loopback, ascii(v6), ascii(""))).view()[0])).isEqualTo("six");
    }

    @Test
    void aHeaderSecretCannotBreakTheHeaderBlock() throws IOException {
        String token = tokens.forHeader("a\r\nEvil: 1\u20ac", HOST);
        assertThat(swapped(ascii("X: " + token + "\r\n"))).isEqualTo("X: a  Evil: 1?\r\n");
    }

    @Test
    void aLongSecretGrowsTheCopy() throws IOException {
        String secret = "k".repeat(10_000);
        String token = tokens.forHeader(secret, HOST);
        assertThat(swapped(ascii("A: " + token + "\r\nB: " + token + "\r\n")))
                .isEqualTo("A: " + secret + "\r\nB: " + secret + "\r\n");
    }

    @Test
    void partialWritesSendEveryByteOnceInOrder() throws IOException {
        for (String secret : new String[] {"s", "12345678", "k".repeat(100), "z".repeat(5_000)}) {
            String token = tokens.forHeader(secret, HOST);
            String head = "GET /?key=" + token + " HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\n\r\n";
            String expected = head.replace(token, secret) + "body " + token;
            for (int step : new int[] {1, 2, 3, 5, 7, 13, 47, 48, 100, 4096}) {
                // the head, then the body: a token in the body goes out as it is (only a head gets secrets)
                assertThat(trickled(step, head(swap, ascii(head), ascii("body " + token)))).as("step %d", step)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void onlyTheMarkedHeadGetsSecrets() throws IOException {
        String token = tokens.forHeader("s3cret", HOST);
        // a write of two buffers is content: nothing marked, nothing swapped
        ByteBuffer[] content = {ascii("\r\n"), ascii("X: " + token + "\r\n")};
        swap.markHead(content);
        assertThat(swap.prepare(content)).isNull();
        ByteBuffer[] write = head(swap, ascii("A: " + token + "\r\n\r\n"), ascii("B: " + token));
        TokenSwap.Swap s = swap.prepare(write);
        assertThat(text(s.view()[0].duplicate())).isEqualTo("A: s3cret\r\n\r\n");
        assertThat(s.view()[2]).isSameAs(write[2]);
        s.view()[0].position(s.view()[0].limit());
        s.settle();
        // the head is out: the same buffer, reused for a body, is no longer swapped
        write[0].clear();
        assertThat(swap.prepare(new ByteBuffer[] {write[0]})).isNull();
    }

    @Test
    void whileASecretIsHalfSentTheCallerStillHoldsItsToken() throws IOException {
        String token = tokens.forHeader("0123456789", HOST);
        ByteBuffer in = ascii("X: " + token + "\r\n");
        ByteBuffer[] write = head(swap, in, ascii(""));
        TokenSwap.Swap s = swap.prepare(write);
        s.view()[0].position(3 + 4); // the layer below took "X: " and 4 bytes of the secret
        assertThat(s.settle()).isEqualTo(3);
        assertThat(in.position()).isEqualTo(3);
        assertThat(text(swap.prepare(write).view()[0])).isEqualTo("456789\r\n");
    }

    @Test
    void aHalfSentSecretWhoseTokenIsGoneIsNotSent() throws IOException {
        String token = tokens.forHeader("0123456789", HOST);
        ByteBuffer in = ascii("X: " + token + "\r\n");
        TokenSwap.Swap s = swap.prepare(head(swap, in, ascii("")));
        s.view()[0].position(5);
        s.settle();
        in.put(3, (byte) 'X'); // the caller's bytes at the token are no longer the token
        assertThatThrownBy(() -> swap.prepare(new ByteBuffer[] {in})).isInstanceOf(IOException.class);
        // nor may the rest of the secret go out with another buffer in the head's place
        assertThatThrownBy(() -> swap.prepare(head(swap, ascii("GET / HTTP/1.1\r\n\r\n"), ascii(""))))
                .isInstanceOf(IOException.class);
    }
}
