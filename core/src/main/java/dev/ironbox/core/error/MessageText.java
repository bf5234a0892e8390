package dev.ironbox.core.error;

/**
 * How error messages show what they were given, and how a message becomes the one line a user reads. Input can be
 * anything — a megabyte, newlines, NUL, terminal escapes — so a quoted value is cut to a few dozen characters with
 * its length said, control characters are written as escapes, and a whole message is bounded. Linear in the input:
 * no regular expression, so nothing here can backtrack or overflow the stack whatever the text.
 */
public final class MessageText {

    /** Characters of a value kept in a message: enough to recognise it, short enough to read. */
    public static final int QUOTED_CHARACTERS = 64;

    /** Characters of a whole message kept on its one line. */
    public static final int LINE_CHARACTERS = 2000;

    private MessageText() {}

    /**
     * {@code 'value'} for a message, control characters escaped; a value longer than {@link #QUOTED_CHARACTERS} is
     * cut there and followed by its length: {@code 'aaaa...' (10000 characters)}.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        int length = value.codePointCount(0, value.length());
        if (length <= QUOTED_CHARACTERS) {
            return "'" + escapeControls(value) + "'";
        }
        String head = value.substring(0, value.offsetByCodePoints(0, QUOTED_CHARACTERS));
        return "'" + escapeControls(head) + "...' (" + length + " characters)";
    }

    /**
     * {@code text} when it has at most {@code max} characters, else its first {@code max} followed by how many were
     * left out: for what an engine says, which can be a megabyte.
     */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "... (" + (text.length() - end) + " more characters)";
    }

    /**
     * {@code message} on one line: each line break, with the blanks around it, becomes {@code "; "}; other control
     * characters are escaped; more than {@link #LINE_CHARACTERS} characters are cut, saying how many were left out.
     */
    public static String oneLine(String message) {
        String text = message == null ? "" : message.strip();
        StringBuilder out = new StringBuilder(Math.min(text.length(), LINE_CHARACTERS + 64));
        int i = 0;
        while (i < text.length() && out.length() < LINE_CHARACTERS) {
            char c = text.charAt(i);
            if (isLineBreak(c)) {
                trimTrailingBlanks(out);
                while (i < text.length() && (isLineBreak(text.charAt(i)) || Character.isWhitespace(text.charAt(i)))) {
                    i++;
                }
                out.append("; ");
                continue;
            }
            appendEscaped(out, c);
            i++;
        }
        if (i < text.length()) {
            out.append("... (").append(text.length() - i).append(" more characters)");
        }
        return out.toString();
    }

    /** {@code text} with every control character but tab escaped: {@code \n}, {@code \r}, else backslash-u and hex. */
    public static String escapeControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            appendEscaped(out, text.charAt(i));
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        if (c == '\t' || !(Character.isISOControl(c) || isLineBreak(c))) {
            out.append(c);
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '\r') {
            out.append("\\r");
        } else {
            out.append(String.format("\\u%04x", (int) c));
        }
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || c == '\u0085' || c == '\u2028'
                || c == '\u2029';
    }

    private static void trimTrailingBlanks(StringBuilder out) {
        int end = out.length();
        while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
    }
}
