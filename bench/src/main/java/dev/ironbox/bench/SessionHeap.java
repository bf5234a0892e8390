package dev.ironbox.bench;

import dev.ironbox.app.Ironbox;
import dev.ironbox.app.IronboxSession;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap in use after GC with {@code count} sessions open at once, minus the same before they were opened (one session
 * opened and closed first, so the client and its classes are in the baseline, not in the figure).
 */
final class SessionHeap {

    /** The figures: MiB added by all sessions, and the time to open them. */
    record Figures(int sessions, double mib, double openSeconds) {}

    private SessionHeap() {}

    static Figures measure(Ironbox ironbox, int count) throws InterruptedException {
        ironbox.session().close();
        long before = usedAfterGc();
        List<IronboxSession> sessions = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                sessions.add(ironbox.session());
            }
            double openSeconds = (System.nanoTime() - start) / 1e9;
            long after = usedAfterGc();
            return new Figures(count, (after - before) / (1024.0 * 1024.0), openSeconds);
        } finally {
            for (IronboxSession session : sessions) {
                session.close();
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
