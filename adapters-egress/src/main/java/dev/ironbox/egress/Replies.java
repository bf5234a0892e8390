package dev.ironbox.egress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The proxy's own answers: short plain text, never a secret, never an exception message. */
final class Replies {

    private Replies() {}

    /** 403 with the body {@code ironbox: denied: <reason>}. */
    static void denied(Response response, Callback callback, String reason, boolean close) {
        text(response, callback, 403, "ironbox: denied: " + reason, close);
    }

    static void text(Response response, Callback callback, int status, String body, boolean close) {
        if (response.isCommitted()) {
            callback.failed(new IOException("ironbox: response already committed; cannot send " + status));
            return;
        }
        response.reset();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        if (close) {
            headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
        }
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** Text from the request (a garbled target) made safe for a log line or a reply: printable ASCII, 100 chars. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(100).forEach(c -> out.append(c > 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }
}
