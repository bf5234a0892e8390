package dev.ironbox.cli;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.MessageText;
import java.util.Optional;

/**
 * One side of {@code ironbox cp} inside a session: {@code SESSION:PATH}, as {@code docker cp} writes it. A relative
 * PATH is relative to the session's working directory, {@code /workspace}.
 *
 * @param sessionId the session id
 * @param path an absolute path in the session
 */
record SessionPath(String sessionId, String path) {

    static final String WORKING_DIRECTORY = "/workspace";

    /** Linux's PATH_MAX: no longer path names a file in the session. */
    static final int MAX_PATH = 4096;

    /**
     * The session side {@code argument} names, or empty when it is a host path: one that starts with {@code /} or
     * {@code .}, or has no {@code :} before its first {@code /} (as {@code docker cp} decides).
     *
     * @throws InvalidConfigurationException for {@code SESSION:} without a path, or a path longer than any can be
     */
    static Optional<SessionPath> parse(String argument) {
        int colon = argument.indexOf(':');
        if (colon <= 0 || argument.startsWith("/") || argument.startsWith(".")) {
            return Optional.empty();
        }
        String session = argument.substring(0, colon);
        if (session.contains("/")) {
            return Optional.empty();
        }
        String path = argument.substring(colon + 1);
        if (path.isEmpty()) {
            throw new InvalidConfigurationException(MessageText.quote(argument) + " names no path in session "
                    + MessageText.quote(session) + ": write SESSION:PATH, e.g. 3f2a9c0d1e2b:/tmp");
        }
        if (path.length() >= MAX_PATH) {
            throw new InvalidConfigurationException("the session path " + MessageText.quote(path) + " is longer than "
                    + "a path can be (" + (MAX_PATH - 1) + " characters)");
        }
        return Optional.of(new SessionPath(session, path.startsWith("/") ? path : WORKING_DIRECTORY + "/" + path));
    }

    @Override
    public String toString() {
        return sessionId + ":" + path;
    }
}
