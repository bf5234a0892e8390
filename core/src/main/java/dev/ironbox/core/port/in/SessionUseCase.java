package dev.ironbox.core.port.in;

import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sessions: long-lived hardened sandboxes that run many commands in the same place ({@code ironbox session}). A
 * session is found by its id through the engine's labels, so another process (the next CLI call) can use it.
 */
public interface SessionUseCase {

    /**
     * Creates and starts the session's container, with the run's hardening, and returns once it runs.
     *
     * @throws dev.ironbox.core.error.IronboxException for bad input or an engine failure; nothing is left behind
     */
    SessionInfo startSession(SessionRequest request) throws InterruptedException;

    /**
     * Runs one command in the session, with the same result contract as a run. At its timeout the command and every
     * process it started are killed (found by kernel start time and parentage, not only by their environment); the
     * session lives on, unless the kill cannot be confirmed: then the session is stopped. A session past its hard
     * deadline, or idle past its TTL as this host recorded it, is stopped and refused.
     *
     * @throws UnknownSessionException when no session has that id
     * @throws dev.ironbox.core.error.ContainerFailureException when the session has stopped
     * @throws InterruptedException when interrupted; the command's processes are killed first
     */
    RunResult execInSession(SessionExecRequest request, Consumer<OutputChunk> live) throws InterruptedException;

    /**
     * Stops the session and removes its container (and its network, for an attached session).
     *
     * @throws UnknownSessionException when no session has that id
     */
    void stopSession(String sessionId);

    /** The session with that id; @throws UnknownSessionException when there is none. */
    SessionInfo session(String sessionId);

    /** Every session on this runtime, running or stopped, attached or detached, oldest first. */
    List<SessionInfo> sessions();
}
