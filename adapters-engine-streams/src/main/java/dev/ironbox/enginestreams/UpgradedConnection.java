package dev.ironbox.enginestreams;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request on its own connection that the engine upgrades to a raw two-way stream (an exec with standard input).
 * Its own connection, not an HTTP client's: docker-java's transports write hijacked input but never half-close the
 * socket (docker-java issues 471, 1448, 1684), so a process reading its input ({@code cat}, {@code tar -x}) would
 * never see end-of-file. Here {@link #closeInput()} shuts the write side down, which Docker and Podman pass on to
 * the process as end-of-file. Plain sockets only (unix or TCP): TLS has no half-close.
 *
 * <p>Reading and writing may go on at once on two threads; {@link #close()} from any thread aborts both.
 */
public final class UpgradedConnection implements AutoCloseable {

    private static final int LONGEST_HEAD = 64 * 1024;
    private static final int LONGEST_ERROR_BODY = 1024 * 1024;
    private static final int BUFFER = 64 * 1024;
    /** {@code \r\n\r\n} as four bytes of an int. */
    private static final int END_OF_HEAD = 0x0d0a0d0a;

    private final SocketChannel channel;
    private final InputStream output;
    private final OutputStream input;

    private UpgradedConnection(SocketChannel channel, InputStream output) {
        this.channel = channel;
        this.output = output;
        this.input = new ChannelOutput(channel);
    }

    /**
     * Connects to {@code address} (a {@code UnixDomainSocketAddress} or an {@code InetSocketAddress}), sends
     * {@code POST path} with a JSON body asking for an upgrade, and reads the answer's head.
     *
     * @return the upgraded connection, when the engine answered 101 (or 200, which engines send when they hijack
     *     without an upgrade)
     * @throws UpgradeRefusedException when the engine answered an error status
     * @throws IOException when the connection failed, broke, or the answer was not HTTP
     */
    public static UpgradedConnection open(SocketAddress address, String host, String path, byte[] json)
            throws IOException {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(address);
            OutputStream out = new ChannelOutput(channel);
            out.write(request(host, path, json));
            InputStream in = new BufferedInputStream(new ChannelInput(channel), BUFFER);
            requireUpgrade(in);
            return new UpgradedConnection(channel, in);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The request: {@code POST path} with {@code json}, asking for an upgrade to a raw stream. */
    public static byte[] request(String host, String path, byte[] json) {
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + json.length + "\r\n"
                + "Connection: Upgrade\r\n"
                + "Upgrade: tcp\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + json.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(json, 0, all, headBytes.length, json.length);
        return all;
    }

    /**
     * Reads the answer's head: 101 or 200 is the upgrade; an error status throws the engine's answer, whose body is
     * read by its {@code Content-Length}.
     */
    private static void requireUpgrade(InputStream in) throws IOException {
        String[] lines = readHead(in).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP answer: " + shorten(lines[0]));
        }
        int status = Integer.parseInt(statusLine[1]);
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
        throw new UpgradeRefusedException(shorten(lines[0]), status, headers, body);
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

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** What the engine sends after the head (for an exec: its multiplexed output). */
    public InputStream output() {
        return output;
    }

    /** Where to write the process's standard input. */
    public OutputStream input() {
        return input;
    }

    /** Half-closes the connection: the process reads end-of-file, its output still arrives. */
    public void closeInput() throws IOException {
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
