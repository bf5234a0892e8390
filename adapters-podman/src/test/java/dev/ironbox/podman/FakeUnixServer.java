package dev.ironbox.podman;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A unix socket server for tests: each accepted connection is handed to a script on a daemon thread. */
final class FakeUnixServer implements AutoCloseable {

    /** What the server does with one connection; {@code index} counts connections from 0. */
    @FunctionalInterface
    interface Script {
        void serve(SocketChannel connection, int index) throws IOException;
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final AtomicInteger connections = new AtomicInteger();

    FakeUnixServer(Path socket, Script script) throws IOException {
        this.socket = socket;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel connection = server.accept();
                    int index = connections.getAndIncrement();
                    Thread worker = new Thread(() -> {
                        try (connection) {
                            script.serve(connection, index);
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    });
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-unix-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("unix://" + socket);
    }

    int connections() {
        return connections.get();
    }

    /** Reads one request's head (up to the blank line); the requests in these tests have no body. */
    static String readRequest(SocketChannel connection) throws IOException {
        StringBuilder head = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (connection.read(one) < 0) {
                return head.toString();
            }
            head.append((char) one.get(0));
        }
        return head.toString();
    }

    static void write(SocketChannel connection, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            connection.write(bytes);
        }
    }

    /** A keep-alive HTTP answer with a body. */
    static String answer(int status, String headers, String body) {
        return "HTTP/1.1 " + status + " X\r\n" + headers + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
