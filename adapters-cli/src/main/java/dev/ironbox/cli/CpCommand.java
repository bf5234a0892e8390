package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.MessageText;
import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.port.in.FileCopyUseCase;
import dev.ironbox.core.port.in.Sandbox;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ironbox cp SRC DEST}: copies files into or out of a session; exactly one side is {@code SESSION:PATH}. */
@Command(name = "cp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Copies a file or a directory (with everything below it) between the host and a session. Exactly one "
                    + "of SRC and DEST is SESSION:PATH; a relative PATH is under /workspace.",
            "Into a session, DEST is a directory (created when absent) that receives SRC under its own name. Out "
                    + "of a session, DEST is created; when it is an existing directory, the copy goes inside it. "
                    + "Nothing existing is overwritten, links that escape are refused, and a copy larger than "
                    + "--max-size fails with nothing left behind. What was copied is printed on stderr.",
            "",
            "Examples:",
            "  ironbox cp ./src 3f2a9c0d1e2b:/tmp",
            "  ironbox cp 3f2a9c0d1e2b:/tmp/report.txt ./report.txt",
            "  ironbox cp --max-size 2g 3f2a9c0d1e2b:/workspace/build ./out"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:copied", "125:unknown session, bad path, over --max-size, or engine failure"})
final class CpCommand implements Callable<Integer> {

    @Option(names = "--runtime", paramLabel = "ID", description = "Look for the session on this runtime first "
            + "(${bundle:" + KnownRuntimes.KEY + "}); the other runtimes are asked after it.")
    String runtime;

    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "Refuse a larger copy, e.g. 64m, 2g; out of a session each entry also counts its "
                    + "512-byte tar header. Default: 512m.")
    String maxSize;

    @Parameters(index = "0", paramLabel = "SRC", description = "HOST_PATH or SESSION:PATH.")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "SESSION:PATH or HOST_PATH.")
    String destination;

    /** How long Ctrl-C waits for an interrupted copy to kill its tar and delete what it staged. */
    static final Duration CLEANUP_WAIT = Duration.ofSeconds(10);

    private final SessionFinder finder;
    private final CliContext context;

    CpCommand(SessionFinder finder, CliContext context) {
        this.finder = finder;
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        long limit = maxSize == null ? FileCopyUseCase.DEFAULT_MAX_BYTES : ByteSize.parse("--max-size", maxSize).bytes();
        Optional<SessionPath> from = SessionPath.parse(source);
        Optional<SessionPath> to = SessionPath.parse(destination);
        if (from.isPresent() == to.isPresent()) {
            throw new InvalidConfigurationException("exactly one of SRC and DEST must be SESSION:PATH, "
                    + (from.isPresent() ? "not both" : "but neither is")
                    + " (e.g. ironbox cp ./data 3f2a9c0d1e2b:/tmp)");
        }
        SessionPath session = from.or(() -> to).orElseThrow();
        String what;
        CopyResult result;
        try (Sandbox sandbox = finder.find(session.sessionId(), Optional.ofNullable(runtime)).sandbox()) {
            // Ctrl-C halts the JVM once the hooks are done, without running finally blocks: interrupting the copy
            // makes core kill the tar and delete its staging directory; the hook waits (bounded) for that.
            Thread caller = Thread.currentThread();
            CountDownLatch copyEnded = new CountDownLatch(1);
            Thread cleanup = new Thread(() -> interruptAndAwait(caller, copyEnded, CLEANUP_WAIT), "ironbox-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                if (to.isPresent()) {
                    result = sandbox.copyIn(session.sessionId(), hostPath(source), session.path(), limit);
                    what = source + " into " + session;
                } else {
                    result = sandbox.copyOut(session.sessionId(), session.path(), hostPath(destination), limit);
                    what = session + " to " + destination;
                }
            } finally {
                copyEnded.countDown();
                LiveTerminal.removeHook(cleanup);
            }
        }
        context.err().println("copied " + describe(result) + ": " + what);
        context.err().flush();
        return ExitCodes.OK;
    }

    /**
     * Interrupts the copying thread and waits at most {@code wait} for its copy to end. Not for the thread itself:
     * after the copy it goes on to {@code System.exit}, which blocks while the JVM is already shutting down.
     */
    static void interruptAndAwait(Thread caller, CountDownLatch copyEnded, Duration wait) {
        caller.interrupt();
        try {
            copyEnded.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code 3 files, 1 directory, 1234 bytes}. */
    static String describe(CopyResult result) {
        return count(result.files(), "file", "files") + ", "
                + count(result.directories(), "directory", "directories") + ", "
                + count(result.bytes(), "byte", "bytes");
    }

    private static String count(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    private Path hostPath(String text) {
        try {
            return context.workingDirectory().resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("invalid host path " + MessageText.quote(text) + ": "
                    + e.getReason(), e);
        }
    }
}
