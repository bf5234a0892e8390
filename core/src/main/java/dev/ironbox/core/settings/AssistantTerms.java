package dev.ironbox.core.settings;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an assistant may ask of {@code ironbox mcp}, fixed by the operator when the server starts (flags and config
 * file, as for {@code ironbox run}): every run and session takes the operator's workspace, policy, limits, image,
 * egress and variables. A call may only narrow them: a shorter timeout, a smaller output budget, and variables of its
 * own beside the operator's (never in their place). Anything else is refused with a {@link PolicyRefusedException}
 * that says what the server allows.
 */
public final class AssistantTerms {

    /** The default largest file {@code write_file} and {@code read_file} move: 16 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 16L << 20;

    /**
     * The largest {@code maxFileBytes}: 256 MiB. A file travels inside one JSON-RPC message (base64 makes it a third
     * larger), held whole in memory on both sides.
     */
    public static final long MAX_FILE_BYTES_LIMIT = 256L << 20;

    private final RunRequest run;
    private final SessionRequest session;
    private final long maxFileBytes;

    /**
     * @param run the operator's run; its command is a placeholder that each call replaces
     * @param session the operator's session (attached: it belongs to the server and ends with it)
     * @param maxFileBytes the largest file a call may write into or read out of a session
     */
    public AssistantTerms(RunRequest run, SessionRequest session, long maxFileBytes) {
        if (session.detached()) {
            throw new IllegalArgumentException("an assistant's sessions belong to the server: not detached");
        }
        if (maxFileBytes <= 0 || maxFileBytes > MAX_FILE_BYTES_LIMIT) {
            throw new InvalidConfigurationException("max file size must be between 1 byte and "
                    + SettingText.bytes(MAX_FILE_BYTES_LIMIT) + ", got " + maxFileBytes);
        }
        this.run = run;
        this.session = session;
        this.maxFileBytes = maxFileBytes;
    }

    /** The operator's run, with its placeholder command. */
    public RunRequest run() {
        return run;
    }

    /** The request every {@code session_start} makes. */
    public SessionRequest session() {
        return session;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    /**
     * The run of {@code command} on the operator's terms, narrowed as {@code asked}.
     *
     * @param stdin what the command reads on its standard input (empty: end-of-file at once)
     * @throws PolicyRefusedException when {@code asked} or {@code env} would widen the operator's terms
     * @throws InvalidConfigurationException when the command, a variable or a limit is invalid
     */
    public RunRequest run(List<String> command, Map<String, String> env, byte[] stdin, AskedLimits asked) {
        return RunRequest.builder().from(run)
                .command(command)
                .env(withOperatorsVariables(run.env(), env))
                .limits(narrowed(run.limits(), asked))
                .stdin(stdin)
                .build();
    }

    /**
     * One command in session {@code sessionId}, narrowed as {@code asked} against the operator's session limits.
     *
     * @throws PolicyRefusedException when {@code asked} or {@code env} would widen the operator's terms
     */
    public SessionExecRequest exec(String sessionId, List<String> command, Map<String, String> env, byte[] stdin,
            AskedLimits asked) {
        return SessionExecRequest.builder()
                .sessionId(sessionId)
                .command(command)
                .env(withOperatorsVariables(session.env(), env))
                .limits(narrowed(session.limits(), asked))
                .stdin(stdin)
                .build();
    }

    /** {@code asked} bytes, refused above the operator's file limit. */
    public long fileBytes(long asked) {
        if (asked > maxFileBytes) {
            throw new PolicyRefusedException("a file of " + asked + " bytes is larger than this server allows: at most "
                    + maxFileBytes + " bytes (" + SettingText.bytes(maxFileBytes) + ")");
        }
        return asked;
    }

    private static ResourceLimits narrowed(ResourceLimits base, AskedLimits asked) {
        Duration timeout = asked.timeout().orElse(base.timeout());
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidConfigurationException("timeout must be positive, got " + timeout.toMillis() + "ms");
        }
        if (timeout.compareTo(base.timeout()) > 0) {
            throw new PolicyRefusedException("a timeout of " + SettingText.duration(timeout)
                    + " is longer than this server allows: at most " + SettingText.duration(base.timeout()));
        }
        long output = asked.maxOutputBytes().orElse(base.maxOutputBytes());
        if (output <= 0) {
            throw new InvalidConfigurationException("maxOutputBytes must be positive, got " + output);
        }
        if (output > base.maxOutputBytes()) {
            throw new PolicyRefusedException("an output budget of " + output
                    + " bytes is more than this server allows: at most " + base.maxOutputBytes() + " bytes");
        }
        return ResourceLimits.copyOf(base).withTimeout(timeout).withMaxOutputBytes(output);
    }

    private static Map<String, String> withOperatorsVariables(Map<String, String> operators, Map<String, String> asked) {
        Map<String, String> merged = new LinkedHashMap<>(asked);
        for (String name : asked.keySet()) {
            if (operators.containsKey(name)) {
                throw new PolicyRefusedException("variable " + name + " is set by this server and cannot be changed");
            }
        }
        merged.putAll(operators);
        return merged;
    }
}
