package dev.ironbox.egress;

import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Plain HTTP requests (absolute-form) and the decrypted requests of a terminated tunnel, judged by the lease's policy
 * and forwarded with Jetty's {@link ProxyHandler.Forward} over the shared {@link UpstreamClient}: bodies stream both
 * ways, hop-by-hop headers stay behind, the Host header is the judged name (whatever the sandbox wrote there), no Via
 * or Forwarded header is added (they would reveal the sandbox's address), and a mapped host's credential is added on
 * the way out.
 */
final class PolicyForwardHandler extends ProxyHandler.Forward {

    private static final String FORWARDING = PolicyForwardHandler.class.getName() + ".forwarding";

    private final LeaseRegistry leases;
    private final Gatekeeper gatekeeper;
    private final EgressProxyOptions options;
    private final SecretTokens tokens;

    /** A judged request on its way, from {@code lease}. */
    private record Forwarding(Lease lease, Target target, Exchange exchange) {}

    PolicyForwardHandler(LeaseRegistry leases, Gatekeeper gatekeeper, EgressProxyOptions options,
            SecretTokens tokens) {
        this.leases = leases;
        this.tokens = tokens;
        this.gatekeeper = gatekeeper;
        this.options = options;
    }

    @Override
    protected HttpClient newHttpClient() {
        return UpstreamClient.create(options, tokens);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Lease lease = leases.of(request);
        if (lease == null) {
            Replies.denied(response, callback, "this listener serves no open lease for your address", true);
            return true;
        }
        String method = request.getMethod();
        ConnectionMetaData connection = request.getConnectionMetaData();
        Target target = (Target) connection.getAttribute(Target.TERMINATED_TUNNEL);
        if (target == null) {
            HttpURI uri = request.getHttpURI();
            if (!Boolean.TRUE.equals(connection.getAttribute(TargetFormConnectionFactory.ABSOLUTE_FORM))
                    || !"http".equalsIgnoreCase(uri.getScheme())) {
                lease.audit().refuse(method, Replies.printable(uri.getHost()), 0, "not a proxy request", 400);
                Replies.text(response, callback, 400, "ironbox: bad request: send http://host/path as the target, or"
                        + " CONNECT host:port for https", true);
                return true;
            }
            String host = Gatekeeper.normalise(uri.getHost());
            int port = uri.getPort() > 0 ? uri.getPort() : 80;
            Gatekeeper.Verdict verdict = gatekeeper.judge(lease.policy(), host, port);
            if (!verdict.allowed()) {
                lease.audit().refuse(method, host, port, verdict.reason(), 403);
                Replies.denied(response, callback, verdict.reason(), false);
                return true;
            }
            target = new Target("http", host, port, verdict.address(), verdict.reason(),
                    lease.credentialFor(host).orElse(null));
        }
        Exchange exchange = lease.audit().begin(method, target.host(), target.port(), target.reason(),
                target.injects());
        request.setAttribute(FORWARDING, new Forwarding(lease, target, exchange));
        return super.handle(request, response, callback);
    }

    private static Forwarding forwarding(Request request) {
        return (Forwarding) request.getAttribute(FORWARDING);
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        Target target = forwarding(request).target();
        HttpURI in = request.getHttpURI();
        String path = in.getPath() == null || in.getPath().isEmpty() ? "/" : in.getPath();
        String query = target.injects() ? target.credential().rewriteQuery(in.getQuery()) : in.getQuery();
        return HttpURI.build().scheme(target.scheme()).host(target.uriHost()).port(target.port()).path(path)
                .query(query);
    }

    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI uri) {
        Forwarding forwarding = forwarding(request);
        return super.newProxyToServerRequest(request, uri)
                .tag(new UpstreamClient.PinnedAddress(forwarding.target().address(), forwarding.lease()));
    }

    /** Closes {@code lease}'s keep-alive connections upstream. */
    void release(Lease lease) {
        HttpClient client = getHttpClient();
        if (client != null) {
            UpstreamClient.release(client, lease);
        }
    }

    @Override
    protected void copyRequestHeaders(Request request, org.eclipse.jetty.client.Request upstream) {
        super.copyRequestHeaders(request, upstream);
        Target target = forwarding(request).target();
        upstream.headers(headers -> headers.put(HttpHeader.HOST, target.authority()));
        if (target.injects()) {
            upstream.headers(target.credential()::inject);
        }
    }

    @Override
    protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request upstream) {
        // No Via, no Forwarded: upstreams need not learn the sandbox's address or the host's name.
    }

    @Override
    protected org.eclipse.jetty.client.Request.Content newProxyToServerRequestContent(Request request,
            Response response, org.eclipse.jetty.client.Request upstream) {
        Exchange exchange = forwarding(request).exchange();
        return new ProxyRequestContent(request) {
            @Override
            public Content.Chunk read() {
                Content.Chunk chunk = super.read();
                if (chunk != null) {
                    exchange.addUp(chunk.remaining());
                }
                return chunk;
            }
        };
    }

    @Override
    protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(Request request,
            org.eclipse.jetty.client.Request upstream, Response response, Callback callback) {
        Exchange exchange = forwarding(request).exchange();
        return new ProxyResponseListener(request, upstream, response, callback) {
            @Override
            public void onContent(org.eclipse.jetty.client.Response upstreamResponse, Content.Chunk chunk,
                    Runnable demander) {
                exchange.addDown(chunk.remaining());
                super.onContent(upstreamResponse, chunk, demander);
            }
        };
    }

    @Override
    protected void onProxyToClientResponseComplete(Request request, org.eclipse.jetty.client.Request upstream,
            org.eclipse.jetty.client.Response upstreamResponse, Response response, Callback callback) {
        forwarding(request).exchange().finish(upstreamResponse.getStatus());
        super.onProxyToClientResponseComplete(request, upstream, upstreamResponse, response, callback);
    }

    @Override
    protected void onProxyToClientResponseFailure(Request request, org.eclipse.jetty.client.Request upstream,
            org.eclipse.jetty.client.Response upstreamResponse, Response response, Callback callback,
            Throwable failure) {
        forwarding(request).exchange().finish(upstreamResponse == null ? 0 : upstreamResponse.getStatus());
        super.onProxyToClientResponseFailure(request, upstream, upstreamResponse, response, callback, failure);
    }

    /** The proxy's own short answer: never the failure's message, which may carry the upstream URI. */
    @Override
    protected void onServerToProxyResponseFailure(Request request, org.eclipse.jetty.client.Request upstream,
            org.eclipse.jetty.client.Response upstreamResponse, Response response, Callback callback,
            Throwable failure) {
        Forwarding forwarding = forwarding(request);
        int status = failure instanceof TimeoutException ? 504 : 502;
        forwarding.exchange().finish(status);
        Replies.text(response, callback, status, "ironbox: upstream " + forwarding.target().host() + ":"
                + forwarding.target().port() + " failed (" + failure.getClass().getSimpleName() + ")", true);
    }
}
