package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;

/** The check on a command's standard input, written once for runs and session commands. */
final class StandardInput {

    private StandardInput() {}

    static void check(byte[] stdin) {
        if (stdin.length > RunRequestDef.MAX_STDIN_BYTES) {
            throw new InvalidConfigurationException("standard input of " + stdin.length
                    + " bytes is too large: at most " + RunRequestDef.MAX_STDIN_BYTES + " bytes");
        }
    }
}
