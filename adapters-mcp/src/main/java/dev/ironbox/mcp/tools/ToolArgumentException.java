package dev.ironbox.mcp.tools;

/**
 * A tool call's arguments are missing, mistyped or unknown: the assistant gets this one line as a tool error. Our own
 * check, whatever the SDK validated before (a client may skip schemas, and the SDK may be configured not to check).
 */
final class ToolArgumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ToolArgumentException(String message) {
        super(message, null, false, false); // an expected answer to a bad call: no stack trace needed
    }
}
