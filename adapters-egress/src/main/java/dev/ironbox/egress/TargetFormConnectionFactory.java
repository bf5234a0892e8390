package dev.ironbox.egress;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections that remember whether the current request line had an absolute-form target
 * ({@code GET http://host/path}), as a forward proxy needs, or an origin-form one ({@code GET /path}), which Jetty
 * otherwise completes from the Host header so that the two cannot be told apart later. The answer is the connection
 * attribute {@link #ABSOLUTE_FORM}. (Jetty's {@code HttpConnection} lives in an internal package; this is the one
 * place the proxy touches it.)
 */
final class TargetFormConnectionFactory extends HttpConnectionFactory {

    static final String ABSOLUTE_FORM = TargetFormConnectionFactory.class.getName() + ".absoluteForm";

    TargetFormConnectionFactory(HttpConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint) {
            @Override
            protected HttpStreamOverHTTP1 newHttpStream(String method, String uri, HttpVersion version) {
                setAttribute(ABSOLUTE_FORM, isAbsoluteForm(uri));
                return super.newHttpStream(method, uri, version);
            }
        };
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    static boolean isAbsoluteForm(String uri) {
        return uri != null && (uri.regionMatches(true, 0, "http://", 0, 7)
                || uri.regionMatches(true, 0, "https://", 0, 8));
    }
}
