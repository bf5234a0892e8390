package dev.ironbox.egress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.HostPort;
import org.eclipse.jetty.util.Promise;

/**
 * CONNECT, judged by the lease's policy. A denied target gets 403 with the reason. An allowed target without a
 * credential is tunnelled blind to the one address the policy judged; bytes are counted each way. An allowed target
 * with a credential is not tunnelled: the proxy answers 200 and terminates the sandbox's TLS on the same connection
 * with a leaf for that host, so the decrypted requests reach the forward handler (which adds the credential).
 */
final class PolicyConnectHandler extends ConnectHandler {

    private static final String PINNED = PolicyConnectHandler.class.getName() + ".pinned";
    private static final String EXCHANGE = PolicyConnectHandler.class.getName() + ".exchange";

    private final LeaseRegistry leases;
    private final Gatekeeper gatekeeper;
    private final MitmTls mitm;

    PolicyConnectHandler(LeaseRegistry leases, Gatekeeper gatekeeper, MitmTls mitm, Handler next) {
        super(next);
        this.leases = leases;
        this.gatekeeper = gatekeeper;
        this.mitm = mitm;
    }

    @Override
    protected void handleConnect(Request request, Response response, Callback callback, String serverAddress) {
        Lease lease = leases.of(request);
        if (lease == null) {
            Replies.denied(response, callback, "this listener serves no open lease for your address", true);
            return;
        }
        if (request.getConnectionMetaData().getAttribute(Target.TERMINATED_TUNNEL) != null) {
            lease.audit().refuse("CONNECT", Replies.printable(serverAddress), 0, "CONNECT inside a tunnel", 400);
            Replies.text(response, callback, 400, "ironbox: bad request: CONNECT inside a tunnel", true);
            return;
        }
        HostPort hostPort = parse(serverAddress);
        if (hostPort == null) {
            lease.audit().refuse("CONNECT", Replies.printable(serverAddress), 0, "bad CONNECT target", 400);
            Replies.text(response, callback, 400, "ironbox: bad request: CONNECT takes host:port", true);
            return;
        }
        String host = Gatekeeper.normalise(hostPort.getHost());
        int port = hostPort.getPort();
        Gatekeeper.Verdict verdict = gatekeeper.judge(lease.policy(), host, port);
        if (!verdict.allowed()) {
            lease.audit().refuse("CONNECT", host, port, verdict.reason(), 403);
            Replies.denied(response, callback, verdict.reason(), true);
            return;
        }
        Optional<CredentialInjector> credential = lease.credentialFor(host);
        if (credential.isPresent()) {
            Exchange exchange = lease.audit().begin("CONNECT", host, port,
                    verdict.reason() + "; TLS terminated to add the credential", false);
            terminate(request, response, callback, exchange,
                    new Target("https", host, port, verdict.address(), verdict.reason(), credential.get()));
            return;
        }
        Exchange exchange = lease.audit().begin("CONNECT", host, port, verdict.reason(), false);
        request.setAttribute(PINNED, new InetSocketAddress(verdict.address(), port));
        request.setAttribute(EXCHANGE, exchange);
        super.handleConnect(request, response, callback, serverAddress);
    }

    private static HostPort parse(String serverAddress) {
        try {
            HostPort hostPort = new HostPort(serverAddress);
            return hostPort.getHost() == null || hostPort.getHost().isEmpty() || !hostPort.hasPort() ? null
                    : hostPort;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Answers 200 and swaps the connection for TLS (as the target host) over HTTP/1.1, on the same listener. */
    private void terminate(Request request, Response response, Callback callback, Exchange exchange, Target target) {
        try {
            request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, mitm.upgrade(request, target));
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            exchange.finish(0);
            callback.succeeded();
        } catch (RuntimeException e) {
            exchange.finish(502);
            Replies.text(response, callback, 502, "ironbox: could not terminate TLS for " + target.host(), true);
        }
    }

    @Override
    protected void connectToServer(Request request, String host, int port, Promise<SocketChannel> promise) {
        SocketChannel channel = null;
        try {
            if (!(request.getAttribute(PINNED) instanceof InetSocketAddress pinned)) {
                throw new IllegalStateException("no judged address for " + host);
            }
            channel = SocketChannel.open();
            channel.socket().setTcpNoDelay(true);
            channel.configureBlocking(false);
            channel.connect(pinned);
            promise.succeeded(channel);
        } catch (Throwable x) {
            closeQuietly(channel);
            promise.failed(x);
        }
    }

    @Override
    protected InetSocketAddress newConnectAddress(String host, int port) {
        throw new UnsupportedOperationException("the egress proxy connects only to judged addresses");
    }

    @Override
    protected void onConnectFailure(Request request, Response response, Callback callback, Throwable failure) {
        String target = "the upstream";
        if (request.getAttribute(EXCHANGE) instanceof Exchange exchange) {
            exchange.finish(502);
            target = exchange.host() + ":" + exchange.port();
        }
        Replies.text(response, callback, 502, "ironbox: could not connect to " + target, true);
    }

    @Override
    protected void prepareContext(Request request, ConcurrentMap<String, Object> context) {
        context.put(EXCHANGE, request.getAttribute(EXCHANGE));
    }

    @Override
    protected DownstreamConnection newDownstreamConnection(EndPoint endPoint, ConcurrentMap<String, Object> context) {
        Exchange exchange = (Exchange) context.get(EXCHANGE);
        return new DownstreamConnection(endPoint, getExecutor(), getByteBufferPool(), context) {
            @Override
            protected int read(EndPoint from, ByteBuffer buffer) throws IOException {
                int read = super.read(from, buffer);
                if (read > 0) {
                    exchange.addUp(read);
                }
                return read;
            }

            @Override
            public void onClose(Throwable cause) {
                super.onClose(cause);
                exchange.finish(0);
                Connection upstream = getConnection();
                if (upstream != null) {
                    upstream.close();
                }
            }
        };
    }

    @Override
    protected UpstreamConnection newUpstreamConnection(EndPoint endPoint, ConnectContext connectContext) {
        Exchange exchange = (Exchange) connectContext.getRequest().getAttribute(EXCHANGE);
        return new UpstreamConnection(endPoint, getExecutor(), getByteBufferPool(), connectContext) {
            @Override
            protected int read(EndPoint from, ByteBuffer buffer) throws IOException {
                int read = super.read(from, buffer);
                if (read > 0) {
                    exchange.addDown(read);
                }
                return read;
            }
        };
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do: the connect failed already
            }
        }
    }
}
