package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import dev.ironbox.core.label.OwnerLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Cancel and interrupt at any moment, on a real engine: runs of {@code sleep 30} are cancelled ({@link RunHandle#cancel})
 * or their thread interrupted at a random 0–500 ms after the start, without and with a network (an allowed domain:
 * an internal network, on Podman its anchor pod, and a proxy listener). Right after each {@code cancel()} returns (or
 * the interrupted {@code run()} has thrown), nothing of this process may remain: no container, no network, no anchor
 * pod, no listening socket in this JVM. The interrupted run must throw an InterruptedException. Every leak of the
 * storm is listed, then the test fails. One subclass per engine; nothing is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class CancelStormContract {

    private static final int CANCELS = 50;
    private static final int INTERRUPTS = 10;
    private static final int MAX_DELAY_MS = 500;
    private static final List<String> SLEEP = List.of("sleep", "30");

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private ContainerRuntime runtime;
    private Ironbox plain;
    private Ironbox networked;
    private Set<String> listeningBefore;
    /** Leftovers already reported by an earlier run of the storms: each is counted once. */
    private final Set<String> known = new HashSet<>();
    /** How the interrupted runs ended: the InterruptedException's message or cause, counted. */
    private final Map<String, Integer> causes = new TreeMap<>();

    /** {@code docker} or {@code podman}. */
    protected abstract String engine();

    /** Names of the engine's network anchor pods (Podman); none on an engine without them. */
    protected Set<String> anchorPods() {
        return Set.of();
    }

    /** Whether the engine has a network of this name. */
    protected abstract boolean networkExists(String name);

    /** Removes a pod this test found left behind (Podman); not called on an engine without pods. */
    protected void removePod(String name) {}

    @BeforeAll
    void setUp() throws Exception {
        runtime = RuntimeRegistry.fromServiceLoader().providers().stream().filter(p -> p.id().equals(engine()))
                .findFirst().map(ContainerRuntimeProvider::create)
                .orElseThrow(() -> new IllegalStateException("no runtime " + engine() + " on the class path"));
        Path workspace = Files.createDirectories(Path.of("target", "cancel-storm-" + engine() + "-" + System.nanoTime())
                .toAbsolutePath());
        ResourceLimits limits = ResourceLimits.builder().timeout(Duration.ofSeconds(60)).build();
        listeningBefore = ListeningSockets.ofThisProcess();
        plain = Ironbox.builder().runtime(engine()).workspace(workspace).limits(limits).build();
        networked = Ironbox.builder().runtime(engine()).workspace(workspace).limits(limits)
                .allowDomain("example.com").defaultDomains(false).build();
        // once each, to the end: the engine is probed (a probe is remembered only once it succeeded, and Podman's can
        // take longer than the storm's delays, so every run would end in it), the image is there, the proxy started
        assertThat(plain.run("true").exitCode()).isZero();
        assertThat(networked.run("true").exitCode()).isZero();
        System.out.printf("[%s] cancel storm, seed %d%n", engine(), seed);
    }

    @AfterAll
    void tearDown() {
        try {
            closeAll();
            assertThat(ListeningSockets.ofThisProcess()).as("listening sockets after Ironbox.close()")
                    .isSubsetOf(listeningBefore);
        } finally {
            sweep();
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void cancelledRunsWithoutANetworkLeaveNothing() throws Exception {
        assertThat(storm("cancel, no network", plain, CANCELS, false)).isEmpty();
    }

    @Test
    @Order(2)
    void cancelledRunsWithANetworkLeaveNothing() throws Exception {
        assertThat(storm("cancel, network", networked, CANCELS, false)).isEmpty();
    }

    @Test
    @Order(3)
    void interruptedRunsWithoutANetworkLeaveNothing() throws Exception {
        assertThat(storm("interrupt, no network", plain, INTERRUPTS, true)).isEmpty();
    }

    @Test
    @Order(4)
    void interruptedRunsWithANetworkLeaveNothing() throws Exception {
        assertThat(storm("interrupt, network", networked, INTERRUPTS, true)).isEmpty();
    }

    /** Runs the storm; what each cancel or interrupt left, or what it threw instead of an InterruptedException. */
    private List<String> storm(String name, Ironbox ironbox, int count, boolean interrupt) throws Exception {
        List<String> problems = new ArrayList<>();
        int leaked = 0;
        for (int i = 0; i < count; i++) {
            Set<String> podsBefore = anchorPods();
            int delay = random.nextInt(MAX_DELAY_MS + 1);
            String outcome = interrupt ? interruptRun(ironbox, delay) : cancelRun(ironbox, delay);
            List<String> left = new ArrayList<>(leftovers(podsBefore));
            left.removeAll(known);
            if (!left.isEmpty()) {
                leaked++;
                known.addAll(left);
                problems.add("#" + i + " at " + delay + " ms left " + left);
            }
            if (!outcome.isEmpty()) {
                problems.add("#" + i + " at " + delay + " ms: " + outcome);
            }
        }
        System.out.printf("[%s] %s: %d of %d left something behind%n", engine(), name, leaked, count);
        causes.forEach((cause, n) -> System.out.printf("[%s] %s: %d x InterruptedException %s%n", engine(), name, n,
                cause));
        causes.clear();
        problems.forEach(p -> System.out.printf("[%s] %s: %s%n", engine(), name, p));
        return problems;
    }

    /** Empty when the handle was cancelled; else what happened instead. */
    private static String cancelRun(Ironbox ironbox, int delay) throws InterruptedException {
        RunHandle handle = ironbox.start(SLEEP, chunk -> {});
        Thread.sleep(delay);
        boolean cancelled = handle.cancel();
        return cancelled ? "" : "not cancelled: " + handle;
    }

    /** Empty when the interrupted run threw an InterruptedException; else what it did instead. */
    private String interruptRun(Ironbox ironbox, int delay) throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                outcome.set(ironbox.run(SLEEP, chunk -> {}));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "cancel-storm-run");
        runner.start();
        Thread.sleep(delay);
        runner.interrupt();
        runner.join();
        if (outcome.get() instanceof InterruptedException e) {
            causes.merge(e.getCause() == null ? String.valueOf(e.getMessage()) : "after " + e.getCause().getClass().getSimpleName()
                    + ": " + e.getCause().getMessage(), 1, Integer::sum);
            return "";
        }
        return "threw/returned " + outcome.get();
    }

    /** What this process still has on the engine and in the JVM. */
    private List<String> leftovers(Set<String> podsBefore) {
        List<String> left = new ArrayList<>();
        runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())
                .forEach(id -> left.add("container " + id.shortId()));
        runtime.networks().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())
                .forEach(id -> left.add("network " + id));
        Set<String> newPods = new HashSet<>(anchorPods());
        newPods.removeAll(podsBefore);
        // another process's pod has its network; one without (an orphan) or on this process's network is a leak
        newPods.stream().filter(pod -> left.stream().anyMatch(l -> l.startsWith("network "))
                        || !networkExists(pod.substring(0, pod.length() - "-anchor".length())))
                .forEach(pod -> left.add("pod " + pod));
        Set<String> listening = new HashSet<>(ListeningSockets.ofThisProcess());
        listening.removeAll(listeningBefore);
        listening.forEach(socket -> left.add("listening socket " + socket));
        return left;
    }

    private void closeAll() {
        try {
            if (plain != null) {
                plain.close();
            }
        } finally {
            if (networked != null) {
                networked.close();
            }
        }
    }

    /** Removes whatever a failed storm left, so that the engine stays clean for the next test. */
    private void sweep() {
        for (ContainerId id : runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())) {
            runtime.lifecycle().remove(id);
        }
        for (String network : runtime.networks().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())) {
            runtime.networks().remove(network);
        }
        for (String pod : anchorPods()) {
            if (!networkExists(pod.substring(0, pod.length() - "-anchor".length()))) {
                removePod(pod);
            }
        }
    }
}
