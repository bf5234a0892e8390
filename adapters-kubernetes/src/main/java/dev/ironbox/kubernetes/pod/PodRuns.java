package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.OutputChunk;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What this runtime knows of the pods it created and has not removed: the spec each was made from (the feed needs its
 * binds) and the follow a caller registered before the start (the start attaches for it). Thread-safe.
 */
public final class PodRuns {

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public PodRuns() {}

    /** Called by the creation once the API server accepted pod {@code pod} made from {@code spec}. */
    public void created(String pod, ContainerSpec spec) {
        runs.put(pod, new Run(spec));
    }

    /** The spec pod {@code pod} was made from, when this runtime made it and has not removed it. */
    Optional<ContainerSpec> spec(String pod) {
        return Optional.ofNullable(runs.get(pod)).map(Run::spec);
    }

    /** The run of pod {@code pod}, when this runtime made it and has not removed it. */
    Optional<Run> run(String pod) {
        return Optional.ofNullable(runs.get(pod));
    }

    /** Forgets pod {@code pod} and releases its attach, if any (after its removal). */
    void forget(String pod) {
        Run run = runs.remove(pod);
        if (run != null) {
            run.follow().ifPresent(PodFollow::close);
        }
    }

    /** One pod of this runtime: its spec, and the follow registered for its output. */
    static final class Run {

        private final ContainerSpec spec;
        private volatile PodFollow follow;

        Run(ContainerSpec spec) {
            this.spec = spec;
        }

        ContainerSpec spec() {
            return spec;
        }

        /** Registers {@code sink}: the start attaches and delivers the output to it. */
        synchronized PodFollow follow(Consumer<OutputChunk> sink) {
            if (follow != null) {
                throw new IllegalStateException("the output of this pod is already followed");
            }
            follow = new PodFollow(spec.name(), sink);
            return follow;
        }

        Optional<PodFollow> follow() {
            return Optional.ofNullable(follow);
        }
    }
}
