package dev.ironbox.cli;

import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.settings.AssistantTerms;
import dev.ironbox.core.settings.CliContext;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The end of a server that serves on one thread: on SIGTERM or SIGINT (a shutdown hook) the serving thread is
 * interrupted, the hook waits for it to finish its own cleanup (cancel the calls, stop the client's sessions, close
 * the sandbox), at most {@link #WAIT_SECONDS}, and closes the sandbox itself when the thread did not. The sandbox is
 * closed once, by whichever comes first; the other waits for that close to end, so the JVM does not halt in the
 * middle of it.
 */
final class ServingShutdown {

    /** How long a signal waits for the serving thread before removing the sandboxes itself. */
    static final long WAIT_SECONDS = 30;

    private final Thread serving;
    private final Sandbox sandbox;
    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private boolean closed;

    private ServingShutdown(Thread serving, Sandbox sandbox, PrintStream err) {
        this.serving = serving;
        this.sandbox = sandbox;
        this.err = err;
        this.hook = new Thread(this::signalled, "ironbox-mcp-shutdown");
    }

    /**
     * Serves {@code server} on this thread, on standard input and {@code context.out()}, which is kept for the
     * protocol: {@code System.out} is {@code context.err()} meanwhile, so a stray print cannot corrupt it. SIGTERM and
     * SIGINT interrupt this thread and wait for the server's cleanup; {@code sandbox} is closed in the end either way.
     * (Here rather than in {@link McpCommand}, so that picocli's look at the command's methods loads no server type.)
     */
    static void serve(AssistantServer server, Sandbox sandbox, AssistantTerms terms, CliContext context)
            throws InterruptedException {
        PrintStream previous = System.out;
        ServingShutdown shutdown = register(Thread.currentThread(), sandbox, context.err());
        System.setOut(context.err());
        try {
            server.serve(sandbox, terms, System.in, context.out());
        } finally {
            System.setOut(previous);
            shutdown.finish();
        }
    }

    /** Registers the shutdown hook for {@code serving}, which must call {@link #finish} when it stops serving. */
    static ServingShutdown register(Thread serving, Sandbox sandbox, PrintStream err) {
        ServingShutdown shutdown = new ServingShutdown(serving, sandbox, err);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    /**
     * On the serving thread, after it served: closes the sandbox, then removes the hook (or, when the JVM is already
     * running it, lets it go on). The thread's interrupt (the signal's) is set aside while closing, so the close
     * waits for the removals it started, and restored afterwards.
     */
    void finish() {
        boolean interrupted = Thread.interrupted();
        try {
            close();
        } finally {
            finished.countDown();
            LiveTerminal.removeHook(hook);
            if (interrupted) {
                serving.interrupt();
            }
        }
    }

    /** What the hook does on SIGTERM or SIGINT; returns when the sandbox is closed. */
    void signalled() {
        serving.interrupt();
        try {
            if (!finished.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                err.println("ironbox: the MCP server did not stop within " + WAIT_SECONDS + "s; removing its "
                        + "sandboxes now");
                err.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    private synchronized void close() {
        if (!closed) {
            closed = true;
            sandbox.close();
        }
    }
}
