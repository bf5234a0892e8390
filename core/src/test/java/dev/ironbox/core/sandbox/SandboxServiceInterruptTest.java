package dev.ironbox.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.egress.EnvironmentSecrets;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EgressProxyPort;
import dev.ironbox.core.port.out.SecretResolverPort;
import dev.ironbox.core.testing.FakeEgressProxy;
import dev.ironbox.core.testing.FakeFirewall;
import dev.ironbox.core.testing.FakeRuntime;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An interrupt at each blocking step of a run, landing as it does on a real engine: the adapter's request is aborted
 * (its channel closed by the interrupt, or its transport's wait cancelled), while a create the engine received is
 * finished by the engine anyway. Whatever the step, the run throws an InterruptedException and leaves nothing: no
 * container, no network, no open proxy lease.
 */
class SandboxServiceInterruptTest {

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();
    private final FakeEgressProxy proxy = new FakeEgressProxy(engine.log);
    private final AtomicReference<Thread> runner = new AtomicReference<>();
    private final AtomicBoolean fired = new AtomicBoolean();
    private String step = "";

    @ParameterizedTest
    @ValueSource(strings = {"exists", "resolve", "createInternal", "open", "create", "start", "follow", "awaitExit",
            "remove"})
    void anInterruptAtAnyStepIsAnInterruptedExceptionAndLeavesNothing(String interruptedStep) throws Exception {
        step = interruptedStep;
        SandboxService service = InlineRemovals.service(runtime(), SandboxSettings.builder().build(), proxy(),
                secrets(), new FakeFirewall());
        RunRequest request = RunRequest.builder().command(List.of("true")).workspace(workspace).image("img")
                .egress(EgressPolicy.of(List.of("api.example.com"),
                        List.of(CredentialMapping.bearer("api.example.com", "EXAMPLE_KEY")))).build();

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                service.run(request, chunk -> {});
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        runner.set(thread);
        thread.start();
        thread.join();

        assertThat(fired).as("the step %s was reached", step).isTrue();
        assertThat(thrown.get()).as("what run() threw").isInstanceOf(InterruptedException.class);
        assertThat(engine.alive).as("containers left").isEmpty();
        assertThat(engine.networks.alive).as("networks left").isEmpty();
        assertThat(proxy.leases).allSatisfy(lease -> assertThat(lease.closed).as("lease closed").isTrue());
    }

    @Test
    void closeWaitsForACreationInFlightAndRemovesWhatItMade() throws Exception {
        CountDownLatch creating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        engine.images.add("img");
        engine.onCreate = spec -> {
            creating.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        SandboxService service = InlineRemovals.service(engine, SandboxSettings.builder().build());
        Thread run = new Thread(() -> {
            try {
                service.run(RunRequest.builder().command(List.of("true")).workspace(workspace).image("img").build(),
                        chunk -> {});
            } catch (InterruptedException | RuntimeException ignored) {
                // refused: the service closed under it
            }
        });
        run.start();
        creating.await();
        Thread closer = new Thread(service::close);
        closer.start();
        while (closer.getState() != Thread.State.TIMED_WAITING && closer.getState() != Thread.State.TERMINATED) {
            Thread.sleep(1);
        }
        // a bounded wait (an engine that never answers must not hold close forever)
        assertThat(closer.getState()).as("close() waits for the create in flight")
                .isEqualTo(Thread.State.TIMED_WAITING);
        release.countDown();
        closer.join();
        assertThat(engine.created).hasSize(1);
        assertThat(engine.alive).as("the container created while close() ran").isEmpty();
        run.join();
    }

    /** At the chosen step, once: interrupts the run's thread; what that does to the step is what an adapter does. */
    private Object atStep(String method, Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        boolean here = method.equals(step) && fired.compareAndSet(false, true);
        if (here) {
            runner.get().interrupt();
        }
        boolean aborted = here && Thread.currentThread() == runner.get();
        if (aborted && method.equals("exists")) {
            Thread.interrupted(); // the transport kept the interrupt to itself and cancelled its wait
            throw new ImageUnavailableException("cannot look up image img: " + new CancellationException(),
                    new CancellationException());
        }
        if (aborted && method.equals("awaitExit")) {
            throw new InterruptedException();
        }
        if (aborted && !method.equals("create") && !method.equals("createInternal")) {
            throw new ContainerFailureException(method + " failed", new ClosedByInterruptException());
        }
        Object result = invoke(m, target, args); // a create reached the engine, which finishes it
        if (aborted) {
            throw new ContainerFailureException(method + " failed", new ClosedByInterruptException());
        }
        return result;
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private <T> T stepping(Class<T> port, Object target) {
        InvocationHandler handler = (p, m, args) -> atStep(m.getName(), target, m, args);
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    private ContainerRuntime runtime() {
        engine.images.add("img");
        Map<String, Object> ports = Map.of(
                "images", stepping(dev.ironbox.core.port.out.ImagePort.class, engine),
                "containers", stepping(dev.ironbox.core.port.out.ContainerCreationPort.class, engine),
                "lifecycle", stepping(dev.ironbox.core.port.out.ContainerLifecyclePort.class, engine),
                "logs", stepping(dev.ironbox.core.port.out.LogCollectionPort.class, engine),
                "networks", stepping(dev.ironbox.core.port.out.NetworkPort.class, engine.networks));
        InvocationHandler handler = (p, m, args) -> Optional.ofNullable(ports.get(m.getName()))
                .orElseGet(() -> {
                    try {
                        return invoke(m, engine, args);
                    } catch (Throwable t) {
                        throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
                    }
                });
        return (ContainerRuntime) Proxy.newProxyInstance(ContainerRuntime.class.getClassLoader(),
                new Class<?>[] {ContainerRuntime.class}, handler);
    }

    private EgressProxyPort proxy() {
        return stepping(EgressProxyPort.class, proxy);
    }

    private SecretResolverPort secrets() {
        return stepping(SecretResolverPort.class, new EnvironmentSecrets(name -> "sk-secret"));
    }
}
