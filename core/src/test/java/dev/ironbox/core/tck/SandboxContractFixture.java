package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the contracts that drive a {@link dev.ironbox.core.sandbox.SandboxService} on a real engine share: one runtime
 * and one service per test class ({@link #connect()}), a workspace the sandbox user can enter, no container of this
 * process left after each test, and both closed at the end. A subclass whose {@link #pooled()} is true runs every test
 * with the warm pool on, each run pooled ({@link PooledSandbox}); its leak check ignores the pool's unclaimed
 * containers, and after the close nothing of this process may be left at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SandboxContractFixture {

    protected ContainerRuntime runtime;
    protected Sandbox sandbox;

    @TempDir
    protected Path workspace;

    /** Connects to the engine under test; called once per test class. Must fail (not skip) when there is no engine. */
    protected abstract ContainerRuntime connect();

    /** Whether every run of these tests runs in a warm sandbox of the pool; the pooled subclasses say true. */
    protected boolean pooled() {
        return false;
    }

    @BeforeAll
    void connectToEngine() {
        runtime = connect();
        sandbox = PooledSandbox.of(runtime, pooled());
    }

    @BeforeEach
    void openWorkspace() throws IOException {
        // the sandbox user must be able to enter the workspace that JUnit created for root
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    /** A removal the engine finishes a moment after the call (a backstop's, a detached stop's) is given 10 s. */
    @AfterEach
    void leavesNoContainerBehind() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ownContainers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(ownContainers()).as("containers left behind by this test").isEmpty();
    }

    @AfterAll
    void disconnect() {
        PooledSandbox.closeAndCheck(sandbox, runtime, pooled());
    }

    /** The containers of this process on the engine, less the pool's unclaimed ones (they belong to no run). */
    protected final List<ContainerId> ownContainers() {
        if (pooled()) {
            return PooledSandbox.ownContainers(runtime, sandbox);
        }
        return runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid());
    }
}
