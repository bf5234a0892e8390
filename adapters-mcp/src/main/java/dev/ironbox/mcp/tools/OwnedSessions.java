package dev.ironbox.mcp.tools;

import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.port.in.SessionUseCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions this server's client started, in the order it started them. A client sees and touches only these:
 * never another process's sessions on the same host. A session that ended on its own (its TTL) stays here, with its
 * state, until the client stops it or the server closes. Thread-safe (tool calls run concurrently).
 *
 * <p>A client may hold at most {@link #MAX_SESSIONS} at once (each is a container, and maybe a network and a proxy
 * lease, on the operator's host): a start that is under way holds its place; one that fails frees it.
 */
final class OwnedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedSessions.class);

    /** The most sessions one client may hold, started and not yet stopped (starts under way count). */
    static final int MAX_SESSIONS = 16;

    /** How a session is started, once its place is held. */
    @FunctionalInterface
    interface Start {
        SessionInfo start() throws InterruptedException;
    }

    private final SessionUseCase sessions;
    private final Set<String> ids = new LinkedHashSet<>();
    private int starting;

    OwnedSessions(SessionUseCase sessions) {
        this.sessions = sessions;
    }

    /**
     * Starts a session, owned once started.
     *
     * @throws PolicyRefusedException when the client already holds {@link #MAX_SESSIONS}; nothing was started
     */
    SessionInfo start(Start start) throws InterruptedException {
        synchronized (this) {
            if (ids.size() + starting >= MAX_SESSIONS) {
                throw new PolicyRefusedException("this server allows at most " + MAX_SESSIONS
                        + " sessions at once; stop one with session_stop");
            }
            starting++;
        }
        try {
            SessionInfo info = start.start();
            synchronized (this) {
                ids.add(info.id());
            }
            return info;
        } finally {
            synchronized (this) {
                starting--;
            }
        }
    }

    /**
     * {@code sessionId}, when this server started it.
     *
     * @throws UnknownSessionException otherwise, listing the sessions it did start
     */
    synchronized String owned(String sessionId) {
        if (!ids.contains(sessionId)) {
            throw new UnknownSessionException("unknown session ID; this server's sessions: "
                    + (ids.isEmpty() ? "none" : String.join(", ", ids)));
        }
        return sessionId;
    }

    synchronized List<String> ids() {
        return List.copyOf(ids);
    }

    /** Stops the session and forgets it; one that was already gone (its TTL) is forgotten all the same. */
    void stop(String sessionId) {
        owned(sessionId);
        try {
            sessions.stopSession(sessionId);
        } catch (UnknownSessionException gone) {
            LOG.debug("session {} had already ended", sessionId);
        }
        synchronized (this) {
            ids.remove(sessionId);
        }
    }

    /** Each owned session with its state: running, stopped, or gone (removed, by its TTL or from outside). */
    List<Map<String, Object>> describe() {
        List<Map<String, Object>> described = new ArrayList<>();
        for (String id : ids()) {
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("sessionId", id);
            try {
                SessionInfo info = sessions.session(id);
                session.put("state", info.running() ? "running" : "stopped");
                session.put("image", info.image() == null ? "" : info.image());
                session.put("policy", info.policy().cliName());
                session.put("created", info.created().toString());
                session.put("expires", info.expires().toString());
            } catch (UnknownSessionException gone) {
                session.put("state", "gone");
                session.put("image", "");
                session.put("policy", "");
                session.put("created", "");
                session.put("expires", "");
            }
            described.add(session);
        }
        return described;
    }

    /** Stops every owned session; a failure is logged, never thrown (the server is ending). */
    void stopAll() {
        for (String id : ids()) {
            try {
                sessions.stopSession(id);
            } catch (UnknownSessionException gone) {
                LOG.debug("session {} had already ended", id);
            } catch (RuntimeException e) {
                LOG.warn("could not stop session {}: {}", id, e.getMessage(), e);
            }
            synchronized (this) {
                ids.remove(id);
            }
        }
    }
}
