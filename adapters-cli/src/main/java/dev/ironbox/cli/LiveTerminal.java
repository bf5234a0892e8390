package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.PrintStream;
import java.util.function.Consumer;

/** A command's output shown live on the terminal, and the shutdown hook that cleans up after Ctrl-C. */
final class LiveTerminal {

    private LiveTerminal() {}

    /** Writes each chunk to the context's stdout or stderr as it arrives. */
    static Consumer<OutputChunk> of(CliContext context) {
        PrintStream out = context.out();
        PrintStream err = context.err();
        return chunk -> {
            PrintStream target = chunk.stream() == StreamType.STDOUT ? out : err;
            byte[] bytes = chunk.bytes();
            synchronized (target) {
                target.write(bytes, 0, bytes.length);
                target.flush();
            }
        };
    }

    /** Removes a shutdown hook, unless the JVM is already running it (Ctrl-C). */
    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (Ctrl-C): the hook is doing its cleanup
        }
    }
}
