package dev.ironbox.core.pool;

import dev.ironbox.core.concurrent.Uninterruptibly;
import dev.ironbox.core.container.ContainerEgress;
import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.label.PoolLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes one warm container of a key: the spec a cold run of the key gets ({@link HardenedSpecs#forRun}, network
 * {@code none}), with the {@link WarmShim} as its command, an open standard input and the pool's labels; created,
 * then started. Whatever fails on the way is removed before the failure is thrown. Thread-safe.
 */
final class WarmMaker {

    private static final Duration PROBATION = Duration.ofMillis(300);

    private final ContainerRuntime runtime;
    private final Duration maxIdleAge;
    private final PoolRemoval removal;

    WarmMaker(ContainerRuntime runtime, Duration maxIdleAge, PoolRemoval removal) {
        this.runtime = runtime;
        this.maxIdleAge = maxIdleAge;
        this.removal = removal;
    }

    /** The spec of a warm container of {@code key}, its shim waiting until {@code expires} at most. */
    ContainerSpec spec(PoolKey key, Instant expires) {
        RunRequest template = key.template();
        ContainerSpec cold = HardenedSpecs.forRun(template, key.workspace(),
                ContainerEgress.NONE, key.imageBinds());
        return cold.withCommand(WarmShim.command(maxIdleAge))
                .withOpenStdin(true)
                .withLabels(PoolLabels.of(template.policy().cliName(), expires));
    }

    /**
     * Creates and starts one; the caller owns it from then on.
     *
     * @param probation whether to check that its shim still waits a moment after the start: done for a key's first
     *     container, since an image without a working {@code sh} ends the shim at once, and a run handed to it would
     *     fail instead of running cold
     * @param naming learns the container's name before it is created
     * @throws RuntimeException what the engine said, or that the shim ended at once; nothing is left behind then
     */
    WarmContainer make(PoolKey key, boolean probation, Consumer<String> naming) {
        long begun = System.nanoTime();
        Instant created = Instant.now();
        // the label's deadline is the shim's latest: the shim's timer starts after the start below
        ContainerSpec spec = spec(key, created.plus(maxIdleAge).plus(WarmShim.GRACE).plusSeconds(60));
        naming.accept(spec.name());
        ContainerId id;
        try {
            id = Uninterruptibly.call(() -> runtime.containers().create(spec), made -> removal.remove(made));
        } catch (RuntimeException e) {
            removal.remove(new ContainerId(spec.name())); // the engine may have made it all the same
            throw e;
        }
        try {
            Uninterruptibly.run(() -> runtime.lifecycle().start(id));
            if (probation) {
                Optional<ExitStatus> early = runtime.lifecycle().awaitExit(id, PROBATION);
                if (early.isPresent()) {
                    throw new ContainerFailureException("the pool's shim ended at once (exit "
                            + early.get().exitCode() + "): image " + key.image() + " needs a POSIX sh to be pooled");
                }
            }
        } catch (InterruptedException e) {
            removal.remove(id);
            Thread.currentThread().interrupt();
            throw new ContainerFailureException("interrupted while a warm sandbox was made");
        } catch (RuntimeException | Error e) {
            removal.remove(id);
            throw e;
        }
        return new WarmContainer(id, spec.name(), key, created, System.nanoTime() + WarmContainer.SETTLE_NANOS,
                begun + maxIdleAge.toNanos());
    }
}
