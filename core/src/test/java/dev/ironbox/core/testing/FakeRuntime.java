package dev.ironbox.core.testing;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.EngineCapacity;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.ContainerCreationPort;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EnginePort;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.port.out.ImagePort;
import dev.ironbox.core.port.out.LogCollectionPort;
import dev.ironbox.core.port.out.NetworkPort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** An in-memory engine for core unit tests: records what the service asked for and plays back scripted outcomes. */
public final class FakeRuntime implements ContainerRuntime, EnginePort, ImagePort, ContainerCreationPort,
        ContainerLifecyclePort, LogCollectionPort, ExecPort {

    public final List<ContainerSpec> created = new CopyOnWriteArrayList<>();
    public final Set<ContainerId> alive = ConcurrentHashMap.newKeySet();
    public final List<ContainerId> killed = new CopyOnWriteArrayList<>();
    public final List<String> imported = new CopyOnWriteArrayList<>();
    public final List<ExecSpec> execs = new CopyOnWriteArrayList<>();
    public final Set<String> images = ConcurrentHashMap.newKeySet();
    /** What happened, in order, across the engine and its networks (and whoever else appends). */
    public final List<String> log = new CopyOnWriteArrayList<>();
    public final FakeNetworks networks = new FakeNetworks(log);
    /** Runs at create, before the container exists: sees the host side as the engine would. */
    public Consumer<ContainerSpec> onCreate = spec -> {};

    public List<OutputChunk> output = List.of();
    public Optional<ExitStatus> exit = Optional.of(new ExitStatus(0, false));
    public boolean blockUntilInterrupted;
    /** Counted down when a run blocks in {@link #awaitExit} ({@link #blockUntilInterrupted}): the run is going. */
    public final CountDownLatch waitingForExit = new CountDownLatch(1);
    public RuntimeException startFailure;
    public OptionalInt execExit = OptionalInt.of(0);
    /** What every exec after the first answers (the kill script's confirmation, for one). */
    public OptionalInt laterExecExit = OptionalInt.of(0);
    public Path socket = Path.of("/nonexistent/engine.sock");
    public boolean rootless;
    public Set<LimitKind> limits = Set.of(LimitKind.values());
    public EngineCapacity capacity = EngineCapacity.UNKNOWN;
    /** Labels of the local images, for {@code inspect} (an image in {@link #images} without an entry has none). */
    public final Map<String, Map<String, String>> imageLabels = new ConcurrentHashMap<>();
    /** Containers created by the service or {@linkplain #add added} by a test, as {@code describeByLabel} lists them. */
    public final Map<ContainerId, ContainerSummary> described = new ConcurrentHashMap<>();
    /** Containers that exist but do not run (a stopped session), until removed. */
    public final Set<ContainerId> stopped = ConcurrentHashMap.newKeySet();
    public RuntimeException removeFailure;
    /** What {@link #reapExpiredOwners()} answers (each call), or throws when {@link #reapFailure} is set. */
    public List<String> expiredOwners = List.of();
    public RuntimeException reapFailure;
    /** Whether {@link #attachWithInput} works (a warm pool is possible); what it was handed, per container. */
    public boolean attaches;
    /** When set, {@link #attachWithInput} refuses: the container is not running (a warm one that died). */
    public boolean handOverFindsItDead;
    public final Map<ContainerId, byte[]> handedOver = new ConcurrentHashMap<>();
    private final Map<ContainerId, ContainerSpec> specs = new ConcurrentHashMap<>();
    private int next;
    private long clock;

    @Override public String id() { return "fake"; }
    @Override public EnginePort engine() { return this; }
    @Override public ImagePort images() { return this; }
    @Override public ContainerCreationPort containers() { return this; }
    @Override public ContainerLifecyclePort lifecycle() { return this; }
    @Override public LogCollectionPort logs() { return this; }
    @Override public ExecPort exec() { return this; }
    @Override public NetworkPort networks() { return networks; }
    @Override public void close() {}

    @Override
    public List<String> reapExpiredOwners() {
        if (reapFailure != null) {
            throw reapFailure;
        }
        return expiredOwners;
    }

    @Override
    public EngineInfo probe() {
        return new EngineInfo("fake", "1", "1", "unix://" + socket, Optional.of(socket), rootless, "1", limits,
                capacity);
    }

    @Override
    public boolean exists(String image) {
        return images.contains(image);
    }

    @Override
    public void pull(String image, Duration timeout) {
        throw new ImageUnavailableException("offline");
    }

    @Override
    public void importRootfs(String image, InputStream rootfsTar) {
        try {
            rootfsTar.readAllBytes();
        } catch (IOException e) {
            throw new ImageUnavailableException("unreadable", e);
        }
        imported.add(image);
        images.add(image);
    }

    @Override
    public synchronized ContainerId create(ContainerSpec spec) {
        onCreate.accept(spec);
        created.add(spec);
        ContainerId id = new ContainerId("c" + (++next));
        specs.put(id, spec);
        alive.add(id);
        described.put(id, new ContainerSummary(id, spec.name(), spec.image(), spec.command(), nextInstant(), true,
                spec.labels()));
        log.add("create container " + id.value());
        return id;
    }

    @Override
    public void start(ContainerId id) {
        if (startFailure != null) {
            throw startFailure;
        }
    }

    @Override
    public Optional<ExitStatus> awaitExit(ContainerId id, Duration timeout) throws InterruptedException {
        if (blockUntilInterrupted) {
            waitingForExit.countDown();
            Thread.sleep(Long.MAX_VALUE);
        }
        if (killed.contains(id)) {
            return Optional.of(new ExitStatus(137, false));
        }
        ContainerSpec spec = specs.get(id);
        // a pool's shim waits for its hand-over
        return spec != null && spec.openStdin() && !handedOver.containsKey(id) ? Optional.empty() : exit;
    }

    @Override
    public void kill(ContainerId id) {
        killed.add(id);
    }

    /** A container made by someone else (another process, a test), with these labels; it runs unless stopped. */
    public synchronized ContainerId add(Map<String, String> labels, boolean running) {
        ContainerId id = new ContainerId("x" + (++next));
        alive.add(id);
        if (!running) {
            stopped.add(id);
        }
        described.put(id, new ContainerSummary(id, "other-" + id.value(), "img", List.of("sleep", "1d"),
                nextInstant(), running, labels));
        return id;
    }

    private synchronized Instant nextInstant() {
        return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++clock);
    }

    @Override
    public List<ContainerSummary> describeByLabel(String key, String value) {
        List<ContainerSummary> found = new ArrayList<>();
        for (ContainerSummary c : described.values()) {
            if (alive.contains(c.id()) && value.equals(c.labels().get(key))) {
                found.add(new ContainerSummary(c.id(), c.name(), c.image(), c.command(), c.created(),
                        !stopped.contains(c.id()), c.labels()));
            }
        }
        found.sort(Comparator.comparing(ContainerSummary::id, Comparator.comparing(ContainerId::value)).reversed());
        return found; // deliberately not in creation order: the service sorts
    }

    @Override
    public Optional<ImageSummary> inspect(String image) {
        return images.contains(image)
                ? Optional.of(new ImageSummary("sha256:" + image.hashCode(), List.of(image), Instant.EPOCH, 1,
                        imageLabels.getOrDefault(image, Map.of())))
                : Optional.empty();
    }

    @Override
    public void remove(ContainerId id) {
        if (removeFailure != null) {
            throw removeFailure;
        }
        stopped.remove(id);
        if (alive.remove(id)) {
            log.add("remove container " + id.value());
        }
    }

    @Override
    public List<ContainerId> listByLabel(String key, String value) {
        return new ArrayList<>(alive);
    }

    @Override
    public LogFollow follow(ContainerId id, Consumer<OutputChunk> sink) {
        output.forEach(sink);
        return new LogFollow() {
            @Override public boolean awaitEnd(Duration timeout) { return true; }
            @Override public void close() {}
        };
    }

    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout) {
        if (!alive.contains(id) || stopped.contains(id)) {
            throw new ContainerFailureException("container " + id + " is not running");
        }
        execs.add(spec);
        return execs.size() == 1 ? execExit : laterExecExit;
    }

    /** What each exec with input was fed, in order. */
    public final List<byte[]> execInputs = new CopyOnWriteArrayList<>();

    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, java.io.InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout) {
        try {
            execInputs.add(stdin.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return exec(id, spec, sink, timeout);
    }

    @Override
    public boolean attachesWithInput() {
        return attaches;
    }

    @Override
    public LogFollow attachWithInput(ContainerId id, byte[] input, Consumer<OutputChunk> sink) {
        if (!attaches) {
            throw new UnsupportedOperationException("no attach");
        }
        if (handOverFindsItDead) {
            throw new dev.ironbox.core.error.ContainerFailureException("cannot attach to container " + id
                    + ": it is not running", null, dev.ironbox.core.error.StartFailure.NOT_RUNNING);
        }
        handedOver.put(id, input);
        log.add("hand over to " + id.value());
        return follow(id, sink);
    }
}
