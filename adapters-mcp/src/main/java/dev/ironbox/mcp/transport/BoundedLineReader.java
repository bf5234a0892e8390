package dev.ironbox.mcp.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-delimited lines of UTF-8 from a stream without ever holding more than {@code maxBytes} of one line:
 * a longer line is read to its newline and dropped, and reported as {@link Line#oversize()}. Not thread-safe (the
 * transport's one reader thread owns it).
 */
final class BoundedLineReader {

    /** One line (its terminator removed), or the mark of a line that was too long to keep. */
    record Line(String text, boolean oversize) {}

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * The next line, or null at the end of the stream (a last line without a newline still counts).
     *
     * @throws IOException when reading fails
     */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean oversize = false;
        boolean sawAny = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return sawAny ? finish(line, oversize) : null;
                }
            }
            sawAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int length = position - start;
            if (!oversize && line.size() + length > maxBytes) {
                oversize = true;
                line = new ByteArrayOutputStream(); // let go of what was read: it is skipped
            }
            if (!oversize) {
                line.write(buffer, start, length);
            }
            if (position < limit) {
                position++; // the newline
                return finish(line, oversize);
            }
        }
    }

    private static Line finish(ByteArrayOutputStream line, boolean oversize) {
        if (oversize) {
            return new Line("", true);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1); // a CRLF client
        }
        return new Line(text, false);
    }
}
