package dev.ironbox.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.error.UnknownSessionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ParameterException;

/**
 * What a command given {@code --json} prints on stdout when Ironbox fails (exit 125):
 * {@code {"error": {"kind": ..., "message": ...}}}, the message being the one line stderr shows. {@code kind} names
 * the class of the error, stable for scripts: see {@link #KINDS}.
 */
@JsonPropertyOrder({"error"})
record ErrorJson(Error error) {

    /** A bad command line: an unknown option, a missing or malformed value, an option after the command's word. */
    static final String USAGE = "usage";

    /** The command was interrupted; what it started was removed. */
    static final String INTERRUPTED = "interrupted";

    /** A failure Ironbox did not expect (a bug): the message names the exception. */
    static final String INTERNAL = "internal";

    /** Every kind, each Ironbox error class with its name; the order of the README's list. */
    static final Map<Class<? extends Exception>, String> KINDS = kinds();

    @JsonPropertyOrder({"kind", "message"})
    record Error(String kind, String message) {}

    static ErrorJson of(String kind, String message) {
        return new ErrorJson(new Error(kind, message));
    }

    /** The kind of {@code failure}: its error class's name, {@link #USAGE} or {@link #INTERNAL}. */
    static String kind(Exception failure) {
        for (Map.Entry<Class<? extends Exception>, String> kind : KINDS.entrySet()) {
            if (kind.getKey().isInstance(failure)) {
                return kind.getValue();
            }
        }
        return INTERNAL;
    }

    private static Map<Class<? extends Exception>, String> kinds() {
        Map<Class<? extends Exception>, String> kinds = new LinkedHashMap<>();
        kinds.put(InvalidConfigurationException.class, "invalid-configuration");
        kinds.put(PolicyRefusedException.class, "policy-refused");
        kinds.put(EngineUnavailableException.class, "engine-unavailable");
        kinds.put(ImageUnavailableException.class, "image-unavailable");
        kinds.put(ContainerFailureException.class, "container-failure");
        kinds.put(UnknownSessionException.class, "unknown-session");
        kinds.put(ParameterException.class, USAGE);
        kinds.put(InterruptedException.class, INTERRUPTED);
        return Collections.unmodifiableMap(kinds);
    }
}
