package dev.ironbox.egress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One upstream connection's swap of {@link SecretTokens tokens} for secrets, at the lowest layer: the socket write
 * (plain HTTP) or the TLS engine's wrap. Only a request head is touched, never a body: the end point marks the buffer
 * that holds the head ({@link #markHead}) as Jetty's HTTP/1.1 sender writes it, and {@link #prepare} hands the layer
 * below a copy of that buffer with each token bound for this connection's host replaced by its secret;
 * {@link Swap#settle} then moves the caller's buffers by what the layer below took. When it took part of a secret, the caller's buffer stays at the token (so the caller knows
 * the bytes are not all out) and the next call carries on from the first unsent byte of that secret. The copies
 * never reach a logger: only this class and the socket or engine see them. Used by one connection at a time.
 */
final class TokenSwap {

    private final SecretTokens tokens;
    private final String host;
    /**
     * A token whose secret went down in part, and how many of its bytes did; null when none. Volatile: flushes may
     * run on different threads, one at a time.
     */
    private volatile byte[] pendingToken;
    private volatile int pendingSent;
    /** The buffer holding the request head being written, until it is all out; set by the writing thread. */
    private volatile ByteBuffer head;

    TokenSwap(SecretTokens tokens, String host) {
        this.tokens = tokens;
        this.host = SecretTokens.normal(host);
    }

    /**
     * Called with the buffers of each write the HTTP/1.1 connection makes, before it makes it: Jetty's sender writes
     * a request's head as the first of three buffers (head, chunk, content) and its content as two (chunk, content).
     */
    void markHead(ByteBuffer[] buffers) {
        if (buffers.length == 3) {
            head = buffers[0];
        }
    }

    /** Stretch of one copy: literal bytes of the source, or a secret's bytes from {@code secretFrom} on. */
    private record Segment(int srcFrom, int srcLength, int viewFrom, int viewLength, byte[] token, byte[] secret,
            int secretFrom) {}

    /** The buffers to hand down, and how to map what was taken back to the caller's buffers. */
    final class Swap {
        private final ByteBuffer[] srcs;
        private final ByteBuffer[] view;
        private final List<List<Segment>> segments;
        private final int[] before;

        private Swap(ByteBuffer[] srcs, ByteBuffer[] view, List<List<Segment>> segments) {
            this.srcs = srcs;
            this.view = view;
            this.segments = segments;
            this.before = Arrays.stream(srcs).mapToInt(ByteBuffer::position).toArray();
        }

        ByteBuffer[] view() {
            return view;
        }

        /** Moves the caller's buffers by what the layer below took from {@link #view()}; returns that many bytes. */
        long settle() {
            pendingToken = null;
            long consumed = 0;
            ByteBuffer marked = head;
            for (int i = 0; i < srcs.length; i++) {
                List<Segment> parts = segments.get(i);
                if (parts != null) {
                    settle(srcs[i], view[i], parts);
                }
                consumed += srcs[i].position() - before[i];
                if (srcs[i] == marked && !marked.hasRemaining()) {
                    head = null;
                }
            }
            return consumed;
        }

        private void settle(ByteBuffer src, ByteBuffer copy, List<Segment> parts) {
            int taken = copy.position();
            if (taken == copy.limit()) {
                src.position(src.limit());
                return;
            }
            for (Segment part : parts) {
                if (taken < part.viewFrom() + part.viewLength()) {
                    int into = taken - part.viewFrom();
                    if (part.token() == null) {
                        src.position(part.srcFrom() + into);
                    } else {
                        src.position(part.srcFrom());
                        pendingToken = part.token();
                        pendingSent = part.secretFrom() + into;
                    }
                    return;
                }
            }
            throw new IllegalStateException("ironbox: token swap lost its place");
        }
    }

    /**
     * The swap for {@code srcs}: {@code null} when the head among them holds no token for this host and no secret is
     * half sent (then hand {@code srcs} down as they are). Tokens are swapped only in the marked head buffer (Jetty
     * writes a whole head in one buffer); a token anywhere else goes out as the token.
     *
     * @throws IOException when a secret went down in part and the caller's next bytes are not the rest of its token
     */
    Swap prepare(ByteBuffer[] srcs) throws IOException {
        ByteBuffer marked = head;
        if (marked == null || pendingToken == null && tokens.isEmpty()) {
            if (pendingToken != null) {
                throw new IOException("ironbox: a credential was half written and its head is gone; not sent");
            }
            return null;
        }
        ByteBuffer[] view = null;
        List<List<Segment>> segments = null;
        for (int i = 0; i < srcs.length; i++) {
            ByteBuffer src = srcs[i];
            if (!src.hasRemaining()) {
                continue;
            }
            if (src != marked) {
                continue;
            }
            List<Segment> parts = new ArrayList<>();
            ByteBuffer copy = swapped(src, pendingToken != null, parts);
            if (copy != null) {
                if (view == null) {
                    view = srcs.clone();
                    segments = new ArrayList<>(Collections.nCopies(srcs.length, (List<Segment>) null));
                }
                view[i] = copy;
                segments.set(i, parts);
            }
        }
        if (pendingToken != null && view == null) {
            throw new IOException("ironbox: a credential was half written and its token is gone; not sent");
        }
        return view == null ? null : new Swap(srcs, view, segments);
    }

    /** {@code src}'s remaining bytes with this host's tokens swapped, in a new buffer; null when it holds none. */
    private ByteBuffer swapped(ByteBuffer src, boolean resume, List<Segment> parts) throws IOException {
        int from = src.position();
        int limit = src.limit();
        int literal = from;
        int out = 0;
        int at = from;
        if (resume) {
            byte[] token = new byte[Math.min(SecretTokens.LENGTH, limit - from)];
            src.get(from, token);
            byte[] secret = tokens.secretAt(src, from, host);
            if (secret == null || !Arrays.equals(token, pendingToken)) {
                throw new IOException("ironbox: a credential was half written and its token is gone; not sent");
            }
            parts.add(new Segment(from, SecretTokens.LENGTH, 0, secret.length - pendingSent, token, secret,
                    pendingSent));
            out = secret.length - pendingSent;
            at = literal = from + SecretTokens.LENGTH;
        }
        for (; at <= limit - SecretTokens.LENGTH; at++) {
            byte[] secret = tokens.secretAt(src, at, host);
            if (secret != null) {
                parts.add(new Segment(literal, at - literal, out, at - literal, null, null, 0));
                out += at - literal;
                byte[] token = new byte[SecretTokens.LENGTH];
                src.get(at, token);
                parts.add(new Segment(at, SecretTokens.LENGTH, out, secret.length, token, secret, 0));
                out += secret.length;
                at += SecretTokens.LENGTH - 1;
                literal = at + 1;
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        parts.add(new Segment(literal, limit - literal, out, limit - literal, null, null, 0));
        ByteBuffer copy = ByteBuffer.allocate(out + limit - literal);
        for (Segment part : parts) {
            if (part.token() == null) {
                copy.put(src.slice(part.srcFrom(), part.srcLength()));
            } else {
                copy.put(part.secret(), part.secretFrom(), part.viewLength());
            }
        }
        return copy.flip();
    }
}
