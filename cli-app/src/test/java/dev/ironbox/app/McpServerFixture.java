package dev.ironbox.app;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the checks of {@code ironbox mcp} (interfaces of default test methods, one per area) need from the contract
 * that runs them on one engine: servers it starts and ends, and what the engine saw them make.
 */
interface McpServerFixture {

    /** The operator's timeout for {@link #server()}: a call may ask for less, never for more. */
    String OPERATOR_TIMEOUT = "20s";
    /** The operator's output budget for {@link #server()}: 64 KiB. */
    long OPERATOR_MAX_OUTPUT = 65_536;
    /** The operator's largest file for {@link #server()}: 8 KiB. */
    long OPERATOR_MAX_FILE = 8192;
    /** A variable the operator sets ({@code --env}); a call may read it, never replace it. */
    String OPERATOR_VARIABLE = "IRONBOX_IT_OPERATOR";

    /** {@code docker} or {@code podman}. */
    String runtime();

    /**
     * A server on this engine with the operator's terms above: {@code ironbox mcp --runtime R --workspace W
     * --timeout 20s --max-output 64k --max-file-size 8k --env IRONBOX_IT_OPERATOR=fixed}. Ended and checked for
     * leftovers after the test.
     */
    McpServerProcess server() throws Exception;

    /** A server on this engine with {@code operatorFlags} after {@code mcp --runtime R --workspace W}. */
    McpServerProcess server(List<String> operatorFlags) throws Exception;

    /** A server spoken to line by line, with the terms of {@link #server()}. */
    RawMcpServer rawServer() throws Exception;

    /** {@code docker:abc123}, ... for each container the server with {@code pid} owns now (either engine). */
    default List<String> containersOf(long pid) {
        return Leftovers.ownedBy(pid);
    }

    /** The ids of the containers the engine created for the process {@code pid} since {@code since}. */
    default List<String> createdFor(long pid, Instant since) throws Exception {
        return EngineEvents.created(runtime(), pid, since);
    }

    /** {@link #containersOf}, once it is empty or after 10 s: a finished run's container goes a moment after it. */
    default List<String> containersOnceGone(long pid) {
        return eventually(() -> containersOf(pid), List::isEmpty);
    }

    /** What {@code value} gives once {@code done} accepts it, or after 10 s (things the engine does a moment later). */
    default <T> T eventually(Supplier<T> value, Predicate<T> done) {
        return Leftovers.afterBackgroundRemovals(value, done);
    }

    /** Waits up to 60 s until the server with {@code pid} owns {@code count} containers; fails otherwise. */
    default void awaitContainers(long pid, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (containersOf(pid).size() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server never owned " + count + " containers; it owns "
                        + containersOf(pid));
            }
            Thread.sleep(200);
        }
    }
}
