package dev.ironbox.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hostile input in messages: cut, escaped, on one line, and never a regular expression's backtracking. */
class MessageTextTest {

    @Test
    void aShortValueIsQuotedAsItIs() {
        assertThat(MessageText.quote("busybox:1")).isEqualTo("'busybox:1'");
        assertThat(MessageText.quote("\u00e9\u4e2d\uD83D\uDE00")).isEqualTo("'\u00e9\u4e2d\uD83D\uDE00'");
        assertThat(MessageText.quote(null)).isEqualTo("null");
    }

    @Test
    void aLongValueIsCutAndItsLengthSaid() {
        assertThat(MessageText.quote("a".repeat(1_000_000)))
                .isEqualTo("'" + "a".repeat(MessageText.QUOTED_CHARACTERS) + "...' (1000000 characters)");
        // code points, not chars: a surrogate pair is never split
        String emoji = "\uD83D\uDE00".repeat(100);
        assertThat(MessageText.quote(emoji)).startsWith("'" + "\uD83D\uDE00".repeat(MessageText.QUOTED_CHARACTERS)
                + "...'").endsWith("(100 characters)");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(MessageText.quote("a\nb\u0000c\u001b[31m\td")).isEqualTo("'a\\nb\\u0000c\\u001b[31m\td'");
        assertThat(MessageText.quote("x\r\u2028y")).isEqualTo("'x\\r\\u2028y'");
    }

    @Test
    void oneLineJoinsLinesAndEscapesTheRest() {
        assertThat(MessageText.oneLine("  first  \n\n   second\r\nthird\u0000  ")).isEqualTo("first; second; third\\u0000");
        assertThat(MessageText.oneLine(null)).isEmpty();
    }

    @Test
    void oneLineIsBoundedAndLinearOnAMegabyteOfBlanksAndBreaks() {
        String blanks = " ".repeat(1_000_000) + "x";
        assertThat(MessageText.oneLine("a" + blanks)).startsWith("a   ")
                .endsWith("   ... (" + (1_000_002 - MessageText.LINE_CHARACTERS) + " more characters)");
        assertThat(MessageText.oneLine("a" + " \n".repeat(500_000) + "b")).isEqualTo("a; b");
        assertThat(MessageText.oneLine("x".repeat(1_000_000)))
                .endsWith("... (" + (1_000_000 - MessageText.LINE_CHARACTERS) + " more characters)");
    }

    @Test
    void cutKeepsShortTextAndSaysHowMuchWasLeftOut() {
        assertThat(MessageText.cut("short", 10)).isEqualTo("short");
        assertThat(MessageText.cut("x".repeat(1_000_000), 1000)).hasSize(1000 + "... (999000 more characters)".length());
        assertThat(MessageText.cut("a\uD83D\uDE00", 2)).isEqualTo("a... (2 more characters)");
    }
}
