package dev.ironbox.mcp.tools;

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
 */
final class OwnedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedSessions.class);

    private final SessionUseCase sessions;
    private final Set<String> ids = new LinkedHashSet<>();

    OwnedSessions(SessionUseCase sessions) {
        this.sessions = sessions;
    }

    synchronized void add(String sessionId) {
        ids.add(sessionId);
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
