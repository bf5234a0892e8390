package dev.ironbox.podman;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request on its own unix-socket connection that the engine upgrades to a raw two-way stream (an exec with
 * standard input). Its own connection, not docker-java's: the transport writes hijacked input but never half-closes
 * the socket, so a process reading its input ({@code cat}, {@code tar -x}) would never see end-of-file. Here
 * {@link #closeInput()} shuts the write side down, which Podman passes on to the process as end-of-file.
 *
 * <p>Reading and writing may go on at once on two threads; {@link #close()} from any thread aborts both.
 */
final class HijackedConnection implements AutoCloseable {

    private static final int LONGEST_HEAD = 64 * 1024;
    private static final int LONGEST_ERROR_BODY = 1024 * 1024;
    /** {@code \r\n\r\n} as four bytes of an int. */
    private static final int END_OF_HEAD = 0x0d0a0d0a;

    private final SocketChannel channel;
    private final InputStream output;
    private final OutputStream input;

    private HijackedConnection(SocketChannel channel, InputStream output) {
        this.channel = channel;
        this.output = output;
        this.input = new ChannelOutput(channel);
    }

    /**
     * Sends {@code POST path} with a JSON body, asking for an upgrade, and reads the answer's head.
     *
     * @return the upgraded connection, when the engine answered 101 (or 200, which Podman sends when it hijacks
     *     without an upgrade)
     * @throws LibpodException with the engine's message when it answered an error, or when the connection broke
     */
    static HijackedConnection open(Path socket, String path, byte[] json) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: d\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + json.length + "\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n\r\n";
            OutputStream out = new ChannelOutput(channel);
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            InputStream in = new BufferedInputStream(new ChannelInput(channel), 64 * 1024);
            requireUpgrade(in);
            return new HijackedConnection(channel, in);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LibpodException("the connection to unix://" + socket + " broke: " + Errors.reason(e), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Reads the answer's head: 101 or 200 is the upgrade; an error status throws the engine's error, whose body is
     * read by its {@code Content-Length}.
     */
    private static void requireUpgrade(InputStream in) throws IOException {
        String[] lines = readHead(in).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new LibpodException(0, "not an HTTP answer: " + Errors.shorten(lines[0]), "bad answer");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new LibpodException(0, "not an HTTP status: " + Errors.shorten(lines[0]), "bad answer");
        }
        if (status == 101 || status == 200) {
            return;
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = new byte[0];
        String length = headers.get("Content-Length");
        if (length != null && length.matches("\\d{1,9}")) {
            body = in.readNBytes(Math.min(Integer.parseInt(length), LONGEST_ERROR_BODY));
        }
        throw new Reply(status, body, headers::get).error();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0; // the last four bytes read, oldest in the high byte
        while (last4 != END_OF_HEAD) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the engine closed the connection before answering");
            }
            if (head.size() >= LONGEST_HEAD) {
                throw new IOException("the answer's head is longer than " + LONGEST_HEAD + " bytes");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }

    /** What the engine sends after the head (for an exec: its multiplexed output). */
    InputStream output() {
        return output;
    }

    /** Where to write the process's standard input. */
    OutputStream input() {
        return input;
    }

    /** Half-closes the connection: the process reads end-of-file, its output still arrives. */
    void closeInput() throws IOException {
        channel.shutdownOutput();
    }

    /** Aborts the connection, ending blocked reads and writes on other threads. Idempotent; never throws. */
    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the connection is gone either way
        }
    }

    /**
     * Reads the channel directly: {@code Channels.newInputStream} holds the channel's blocking lock while it reads,
     * which would block a concurrent writer until output arrives.
     */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            try {
                return channel.read(ByteBuffer.wrap(b, off, len));
            } catch (SocketException e) {
                if (String.valueOf(e.getMessage()).contains("reset")) {
                    // The engine closed while input it never read was queued (the process ended without reading
                    // all of it), so the kernel reports a reset rather than end-of-file. Linux hands over every
                    // byte queued before the reset first: nothing of the output is lost, and the end is the end.
                    return -1;
                }
                throw e;
            }
        }
    }

    /** Writes the channel directly, for the same reason as {@link ChannelInput}. */
    private static final class ChannelOutput extends OutputStream {
        private final SocketChannel channel;

        ChannelOutput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
