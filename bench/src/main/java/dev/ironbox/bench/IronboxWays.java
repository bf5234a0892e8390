package dev.ironbox.bench;

import dev.ironbox.app.Ironbox;
import dev.ironbox.app.IronboxBuilder;
import dev.ironbox.app.IronboxSession;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ironbox's ways through its Java API: a cold run, a pooled run and an exec into a session. The output budget is
 * raised to 2 MiB so every way returns the whole MiB the second workload prints.
 */
final class IronboxWays implements AutoCloseable {

    static final ResourceLimits LIMITS = ResourceLimits.builder().maxOutputBytes(2L << 20).build();

    private final Ironbox cold;
    private final Ironbox pooled;
    private IronboxSession session;
    /** Pooled runs that the pool served, of all pooled runs: a cold fallback must not pass for a pooled run. */
    final AtomicLong pooledHits = new AtomicLong();
    final AtomicLong pooledRuns = new AtomicLong();
    final PhaseTimings coldPhases = new PhaseTimings();
    final PhaseTimings pooledPhases = new PhaseTimings();

    IronboxWays(String engine, Path workspace, int poolSize) {
        this.cold = base(engine, workspace).build();
        this.pooled = poolSize > 0 ? withPool(base(engine, workspace), poolSize).build() : null;
    }

    static IronboxBuilder base(String engine, Path workspace) {
        return Ironbox.builder().runtime(engine).workspace(workspace).limits(LIMITS);
    }

    /**
     * {@code builder.pool(size, maxIdleAge)}, looked up at run time so this module builds on a main without the pool
     * (scripts/bench.sh's {@code --pool-size}: auto, the default, turns the line on where it exists).
     */
    static IronboxBuilder withPool(IronboxBuilder builder, int size) {
        try {
            Method pool = IronboxBuilder.class.getMethod("pool", int.class, Duration.class);
            return (IronboxBuilder) pool.invoke(builder, size, Duration.ofMinutes(5));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("this build has no IronboxBuilder.pool(int, Duration): use --pool-size 0");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("IronboxBuilder.pool failed: " + e.getCause(), e.getCause());
        }
    }

    /** Whether this build's API has the pool (it came with issue 12). */
    static boolean hasPoolApi() {
        try {
            IronboxBuilder.class.getMethod("pool", int.class, Duration.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    boolean hasPool() {
        return pooled != null;
    }

    Way coldRun() {
        return Way.of("Ironbox.run, cold", this::runCold);
    }

    Way pooledRun() {
        return Way.of("Ironbox.run, pooled", this::runPooled);
    }

    void runPooled(Workload workload) throws InterruptedException {
        RunResult result = pooled.run(workload.argv());
        pooledRuns.incrementAndGet();
        if (result.pooled()) {
            pooledHits.incrementAndGet();
        }
        pooledPhases.record(result);
        check("Ironbox.run pooled", workload, result);
    }

    void runCold(Workload workload) throws InterruptedException {
        RunResult result = cold.run(workload.argv());
        coldPhases.record(result);
        check("Ironbox.run", workload, result);
    }

    Way sessionExec() throws InterruptedException {
        session = cold.session();
        return Way.of("IronboxSession.exec", workload -> check("IronboxSession.exec", workload,
                session.exec(workload.argv(), chunk -> { })));
    }

    private static void check(String way, Workload workload, RunResult result) {
        workload.check(way, result.exitCode(), result.stdout().getBytes(StandardCharsets.UTF_8).length
                + result.stdoutBytesDropped());
    }

    Ironbox cold() {
        return cold;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        if (pooled != null) {
            pooled.close();
        }
        cold.close();
    }
}
