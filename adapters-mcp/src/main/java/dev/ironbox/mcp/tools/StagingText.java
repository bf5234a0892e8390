package dev.ironbox.mcp.tools;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.error.PolicyRefusedException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file tool's failure as the assistant reads it: the server's staging paths on the host
 * ({@code /tmp/ironbox-mcp-...}) are the operator's business, so each is shown as the session path it stands for. The
 * original stays the cause, for the operator's log.
 */
final class StagingText {

    private final Map<String, String> shownAs = new LinkedHashMap<>();

    /**
     * {@code staged} (a path in the staging directory, or the directory itself) and what is under it are shown as
     * {@code sessionPath} and what is under that. Give the longest first.
     */
    StagingText show(Path staged, String sessionPath) {
        shownAs.put(staged + "/", sessionPath.endsWith("/") ? sessionPath : sessionPath + "/");
        shownAs.put(staged.toString(), sessionPath);
        return this;
    }

    String clean(String message) {
        if (message == null) {
            return null;
        }
        String cleaned = message;
        for (Map.Entry<String, String> replaced : shownAs.entrySet()) { // in the order given: longest first
            cleaned = cleaned.replace(replaced.getKey(), replaced.getValue());
        }
        return cleaned;
    }

    /** The same kind of failure, its message cleaned (the kind decides nothing the assistant sees but the text). */
    IronboxException clean(IronboxException e) {
        String message = clean(e.getMessage());
        if (message == null || message.equals(e.getMessage())) {
            return e;
        }
        if (e instanceof PolicyRefusedException) {
            return new PolicyRefusedException(message, e);
        }
        if (e instanceof ContainerFailureException) {
            return new ContainerFailureException(message, e);
        }
        if (e instanceof EngineUnavailableException) {
            return new EngineUnavailableException(message, e);
        }
        if (e instanceof ImageUnavailableException) {
            return new ImageUnavailableException(message, e);
        }
        return new InvalidConfigurationException(message, e);
    }

    /** A failure on the server's side of the copy (its disk): a message of our own, with the reason but no path. */
    IOException clean(IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : clean(e.getMessage());
        return new IOException("the server could not stage the file: " + reason, e);
    }
}
