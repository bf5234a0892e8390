package dev.ironbox.core.settings;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The limits one call of an assistant asks for ({@code ironbox mcp}'s {@code timeout} and {@code maxOutputBytes}
 * arguments); each empty one takes the operator's value. {@link AssistantTerms} accepts them only when they narrow.
 */
public record AskedLimits(Optional<Duration> timeout, OptionalLong maxOutputBytes) {

    /** Nothing asked: the operator's limits as they are. */
    public static final AskedLimits NONE = new AskedLimits(Optional.empty(), OptionalLong.empty());

    public AskedLimits {
        timeout = timeout == null ? Optional.empty() : timeout;
        maxOutputBytes = maxOutputBytes == null ? OptionalLong.empty() : maxOutputBytes;
    }
}
