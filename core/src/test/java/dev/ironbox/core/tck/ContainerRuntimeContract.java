package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.StartFailure;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.sandbox.SandboxService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime contract suite (TCK): the runtime ports and the sandbox service end to end, on a real engine.
 * An adapter's integration test extends it and implements {@link #connect()}; nothing else. It must fail, never
 * skip, when the engine is missing. It uses Ironbox's default image, built locally from the host's static busybox.
 * Inherited: the tests of feeding standard input to an exec ({@link ExecInputContract}) and of the inventory —
 * describing, images, auto-removal ({@link RuntimeInventoryContract}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ContainerRuntimeContract extends ExecInputContract {

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;

    private ContainerRuntime runtime;
    private Sandbox sandbox;

    @TempDir
    Path workspace;

    /** Connects to the engine under test; called once per test class. Must fail (not skip) when there is no engine. */
    protected abstract ContainerRuntime connect();

    /**
     * Whether every run of these tests runs in a warm sandbox of the pool ({@link PooledSandbox}); the pooled
     * subclasses say true. Their leak checks ignore the pool's unclaimed containers; after the close nothing of this
     * process may be left.
     */
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
        // The sandbox user (SandboxUser: not root) must be able to enter the workspace that JUnit created for root.
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Override
    protected final ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    protected final ContainerSpec.Builder sleeperSpec() {
        return longRunningSpecBuilder();
    }

    @AfterEach
    void leavesNoContainerBehind() {
        assertThat(RemovalGrace.awaitNone(this::ownContainers)).as("containers left behind by this test").isEmpty();
    }

    @AfterAll
    void disconnect() {
        PooledSandbox.closeAndCheck(sandbox, runtime, pooled());
    }

    // ---- the engine and images ----

    @Test
    void probeNamesTheRuntimeAndItsVersion() {
        EngineInfo info = runtime.engine().probe();
        assertThat(info.runtimeId()).isEqualTo(runtime.id());
        assertThat(info.version()).isNotBlank();
        assertThat(info.endpoint()).isNotBlank();
    }

    @Test
    void anAbsentImageIsReportedAbsentAndCannotBePulledOffline() {
        String absent = "localhost/ironbox-tck/absent-" + UUID.randomUUID() + ":1";
        assertThat(runtime.images().exists(absent)).isFalse();
        assertThatThrownBy(() -> runtime.images().pull(absent, Duration.ofSeconds(60)))
                .isInstanceOf(ImageUnavailableException.class);
    }

    @Test
    void aRunWithAMissingImageFailsClearlyAndLeavesNothing() {
        String absent = "localhost/ironbox-tck/absent-" + UUID.randomUUID() + ":1";
        assertThatThrownBy(() -> sandbox.run(request("true").image(absent).build()))
                .isInstanceOf(ImageUnavailableException.class)
                .hasMessageContaining(absent);
    }

    @Test
    void theDefaultImageIsThereAfterARun() throws Exception {
        run("true");
        assertThat(runtime.images().exists(IMAGE)).isTrue();
    }

    // ---- exit codes and output ----

    @Test
    void exitCodesArePassedThrough() throws Exception {
        assertThat(run("true").exitCode()).isZero();
        assertThat(run("sh", "-c", "exit 3").exitCode()).isEqualTo(3);
    }

    @Test
    void aMissingCommandExits127AndANonExecutableOne126() throws Exception {
        assertThat(run("ironbox-no-such-command").exitCode()).isEqualTo(127);
        assertThat(run("/etc/passwd").exitCode()).isEqualTo(126);
    }

    @Test
    void anEngineThatCannotStartTheCommandSaysWhyAsAType() {
        // without an init, the engine itself execs the command and refuses the start; the adapter types the refusal
        assertThat(startFailureOf("ironbox-no-such-command")).isEqualTo(StartFailure.COMMAND_NOT_FOUND);
        assertThat(startFailureOf("/etc/passwd")).isEqualTo(StartFailure.NOT_EXECUTABLE);
    }

    private StartFailure startFailureOf(String command) {
        ContainerId id = runtime.containers().create(longRunningSpecBuilder().init(false)
                .command(List.of(command)).build());
        try {
            runtime.lifecycle().start(id);
            throw new AssertionError("the engine started " + command);
        } catch (ContainerFailureException e) {
            return e.startFailure();
        } finally {
            runtime.lifecycle().remove(id);
        }
    }

    @Test
    void stdoutAndStderrAreKeptApart() throws Exception {
        RunResult result = run("sh", "-c", "echo out; echo err >&2");
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void outputWithoutAFinalNewlineJustBeforeExitIsNeverLost() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(run("printf", "last words").stdout()).as("run %d", i).isEqualTo("last words");
        }
    }

    @Test
    void outputBetweenHalfAndAllOfTheBudgetIsKeptWhole() throws Exception {
        // 400 two-byte characters: 800 bytes, more than half of a 1001-byte budget, all of it kept
        RunResult result = sandbox.run(request("sh", "-c", "i=0; while [ $i -lt 400 ]; do printf '\\303\\251'; i=$((i+1)); done")
                .limits(ResourceLimits.builder().maxOutputBytes(1001).build()).build());
        assertThat(result.stdout()).isEqualTo("é".repeat(400));
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void everyByteOfALargeOutputIsCounted() throws Exception {
        RunResult result = run("sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' a; printf end");
        long kept = withoutMarker(result.stdout()).length();
        assertThat(kept + result.stdoutBytesDropped()).isEqualTo(3_000_003);
        assertThat(result.stdout()).startsWith("aaaa").endsWith("aaaend");
    }

    @Test
    void longOutputIsCutOnACharacterBoundaryAroundAMarker() throws Exception {
        // 3000 euro signs of 3 bytes each; a 1001-byte budget cannot end on a character boundary by luck.
        RunResult result = sandbox.run(request("sh", "-c",
                        "i=0; while [ $i -lt 3000 ]; do printf '\\342\\202\\254'; i=$((i+1)); done")
                .limits(ResourceLimits.builder().maxOutputBytes(1001).build()).build());
        assertThat(result.exitCode()).isZero();
        assertThat(result.truncated()).isTrue();
        assertThat(result.stdout()).doesNotContain("\uFFFD").contains("bytes truncated");
        String kept = withoutMarker(result.stdout());
        assertThat(kept).matches("€+");
        long keptBytes = kept.getBytes(StandardCharsets.UTF_8).length;
        assertThat(keptBytes + result.stdoutBytesDropped()).isEqualTo(9000);
        // stderr is empty, so stdout may use the whole budget, not half of it.
        assertThat(keptBytes).isGreaterThan(900).isLessThanOrEqualTo(1001);
    }

    // ---- deadline, memory, processes ----

    @Test
    void theDeadlineKillsTheContainerAndRemovesIt() throws Exception {
        long start = System.nanoTime();
        RunResult result = sandbox.run(request("sleep", "30")
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(2)).build()).build());
        assertThat(result.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(ownContainers()).isEmpty();
    }

    @Test
    void anOutOfMemoryKillIsReported() throws Exception {
        // busybox tail keeps a newline-free stream in memory until the 16 MiB limit is hit.
        RunResult result = sandbox.run(request("sh", "-c", "tail /dev/zero")
                .limits(ResourceLimits.builder().memoryBytes(16L << 20).timeout(Duration.ofSeconds(60)).build())
                .build());
        assertThat(result.oomKilled()).isTrue();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isNotZero();
    }

    @Test
    void aForkBombIsHeldByThePidsLimit() throws Exception {
        RunResult result = sandbox.run(request("sh", "-c", "i=0; while [ $i -lt 200 ]; do i=$((i+1)); sleep 30 & done")
                .limits(ResourceLimits.builder().pidsLimit(32).timeout(Duration.ofSeconds(60)).build()).build());
        assertThat(result.stderr()).contains("Resource temporarily unavailable");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.timedOut()).isFalse();
    }

    @Test
    void theLimitsReachTheKernel() throws Exception {
        // cgroup v2 files, else v1's; 64 MiB memory with no swap beyond it, half a CPU, 77 processes
        String script = "if [ -f /sys/fs/cgroup/memory.max ]; then cd /sys/fs/cgroup; cat memory.max cpu.max pids.max;"
                + " echo \"swap $(cat memory.swap.max)\"; else cd /sys/fs/cgroup;"
                + " cat memory/memory.limit_in_bytes; echo \"$(cat cpu/cpu.cfs_quota_us) $(cat cpu/cpu.cfs_period_us)\";"
                + " cat pids/pids.max; echo \"swap $(( $(cat memory/memory.memsw.limit_in_bytes) - "
                + "$(cat memory/memory.limit_in_bytes) ))\"; fi";
        RunResult result = sandbox.run(request("sh", "-c", script).limits(ResourceLimits.builder()
                .memoryBytes(64L << 20).cpus(0.5).pidsLimit(77).build()).build());
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).isEqualTo("67108864\n50000 100000\n77\nswap 0\n");
    }

    @Test
    void tmpIsASizedTmpfsWithoutExecSetuidOrDevices() throws Exception {
        RunResult result = sandbox.run(request("grep", " /tmp ", "/proc/mounts")
                .limits(ResourceLimits.builder().tmpfsBytes(8L << 20).build()).build());
        assertThat(result.stdout()).startsWith("tmpfs /tmp tmpfs ")
                .contains("noexec").contains("nosuid").contains("nodev").contains("size=8192k");
    }

    @Test
    void anInitProcessRunsAsPid1() throws Exception {
        String pid1 = run("cat", "/proc/1/comm").stdout().strip();
        assertThat(pid1).isNotIn("cat", "sh", "").doesNotContain("ironbox");
    }

    // ---- the security profile ----

    @Test
    void theCommandRunsAsTheSandboxUser() throws Exception {
        assertThat(run("sh", "-c", "id -u; id -g").stdout())
                .isEqualTo(SandboxUser.current().uid() + "\n" + SandboxUser.current().gid() + "\n");
    }

    @Test
    void theCommandHasNoCapabilities() throws Exception {
        String status = run("grep", "-E", "^Cap(Eff|Prm|Bnd)", "/proc/self/status").stdout();
        assertThat(status).contains("CapEff:\t0000000000000000")
                .contains("CapPrm:\t0000000000000000")
                .contains("CapBnd:\t0000000000000000");
    }

    @Test
    void noNewPrivilegesIsSet() throws Exception {
        assertThat(run("grep", "NoNewPrivs", "/proc/self/status").stdout()).contains("NoNewPrivs:\t1");
    }

    @Test
    void theRootFilesystemIsReadOnlyAndTmpIsWritable() throws Exception {
        RunResult root = run("touch", "/etc/ironbox");
        assertThat(root.exitCode()).isNotZero();
        assertThat(root.stderr()).contains("Read-only file system");
        assertThat(run("sh", "-c", "echo x > /tmp/f && cat /tmp/f").stdout()).isEqualTo("x\n");
    }

    @Test
    void theWorkspaceIsReadOnlyUnderReadOnly() throws Exception {
        Files.writeString(workspace.resolve("in.txt"), "from the host");
        RunResult read = run("cat", "/workspace/in.txt");
        assertThat(read.stdout()).isEqualTo("from the host");
        RunResult write = run("touch", "/workspace/ro-out.txt");
        assertThat(write.exitCode()).isNotZero();
        assertThat(workspace.resolve("ro-out.txt")).doesNotExist();
    }

    @Test
    void theWorkspaceIsWritableUnderWorkspaceWrite() throws Exception {
        RunResult write = sandbox.run(request("sh", "-c", "echo hello > /workspace/out.txt")
                .policy(SandboxPolicy.WORKSPACE_WRITE).build());
        assertThat(write.exitCode()).isZero();
        assertThat(workspace.resolve("out.txt")).hasContent("hello");
        assertThat(write.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
    }

    @Test
    void thereIsNoNetwork() throws Exception {
        assertThat(run("ls", "/sys/class/net").stdout().strip()).isEqualTo("lo");
    }

    @Test
    void environmentVariablesArePassed() throws Exception {
        RunResult result = sandbox.run(request("sh", "-c", "echo \"$GREETING\"").env(Map.of("GREETING", "hi there"))
                .build());
        assertThat(result.stdout()).isEqualTo("hi there\n");
    }

    @Test
    void aPooledCommandSeesExactlyTheEnvironmentOfAColdOne() throws Exception {
        assumeTrue(pooled(), "compares a pooled run with a cold one");
        RunRequest request = request("env").env(Map.of("GREETING", "hi there", "MULTI", "a\nb 'c' $d `e`",
                "HOME", "/workspace")).build();
        String pooledEnv = sandbox.run(request).stdout();
        String coldEnv;
        try (SandboxService cold = new SandboxService(runtime, SandboxSettings.builder().build())) {
            coldEnv = cold.run(request).stdout();
        }
        assertThat(sortedWithoutHostname(pooledEnv)).isEqualTo(sortedWithoutHostname(coldEnv))
                .contains("MULTI=a", "b 'c' $d `e`", "HOME=/workspace");
    }

    private static List<String> sortedWithoutHostname(String env) {
        return env.lines().filter(line -> !line.startsWith("HOSTNAME=")).sorted().toList();
    }

    // ---- bad input ----

    @Test
    void unusableWorkspacesAreRefused() throws IOException {
        Path file = Files.writeString(workspace.resolve("file"), "x");
        assertThatThrownBy(() -> sandbox.run(request("true").workspace(workspace.resolve("missing")).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> sandbox.run(request("true").workspace(file).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> sandbox.run(request("true").workspace(Path.of("/")).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("root directory");
    }

    @Test
    void aWorkspaceHoldingTheEngineSocketIsRefused() {
        Path socket = runtime.engine().probe().socket().orElseThrow();
        assertThatThrownBy(() -> sandbox.run(request("true").workspace(socket.getParent()).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("engine socket");
    }

    // ---- lifecycle: labels, interrupt, exec ----

    @Test
    void aRunningSandboxIsLabelledAndAnInterruptRemovesIt() throws Exception {
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                sandbox.run(request("sleep", "60").build());
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        List<ContainerId> running = waitForOwnContainers();
        assertThat(running).hasSize(1);
        assertThat(runtime.lifecycle().listByLabel(OwnerLabels.MANAGED, "true")).contains(running.get(0));
        runner.get().interrupt();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(ownContainers()).isEmpty();
    }

    @Test
    void killAndRemoveOfAGoneContainerAreNotErrors() {
        ContainerId id = runtime.containers().create(longRunningSpec());
        runtime.lifecycle().remove(id);
        runtime.lifecycle().kill(id);
        runtime.lifecycle().remove(id);
        assertThat(ownContainers()).isEmpty();
    }

    // ---- helpers ----

    private static String withoutMarker(String output) {
        return output.replaceAll("\n\\[\\.\\.\\. ironbox: \\d+ bytes truncated \\.\\.\\.]\n", "");
    }

    private RunResult run(String... command) throws InterruptedException {
        return sandbox.run(request(command).build());
    }

    private RunRequest.Builder request(String... command) {
        return RunRequest.builder().command(List.of(command)).workspace(workspace).image(IMAGE);
    }


    private ContainerSpec longRunningSpec() {
        return longRunningSpecBuilder().build();
    }

    private ContainerSpec.Builder longRunningSpecBuilder() {
        try {
            run("true"); // makes sure the default image exists
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return ContainerSpec.builder()
                .name("ironbox-tck-" + UUID.randomUUID())
                .image(IMAGE)
                .command(List.of("sleep", "600"))
                .workingDir("/")
                .user("1000:1000")
                .labels(OwnerLabels.forCurrentProcess("readonly"))
                .addTmpfs(new TmpfsMount("/tmp", 16L << 20))
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .noNewPrivileges(true)
                .memoryBytes(64L << 20)
                .memorySwapBytes(64L << 20)
                .nanoCpus(500_000_000L)
                .pidsLimit(64)
                .init(true)
                .networkMode("none");
    }

    /** The containers of this process, less the pool's unclaimed ones (they belong to no run). */
    private List<ContainerId> ownContainers() {
        if (pooled()) {
            return PooledSandbox.ownContainers(runtime, sandbox);
        }
        return runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid());
    }

    private List<ContainerId> waitForOwnContainers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<ContainerId> found = ownContainers();
            if (!found.isEmpty()) {
                Thread.sleep(500); // let it start, so the interrupt lands in the wait
                return found;
            }
            Thread.sleep(100);
        }
        return List.of();
    }
}
