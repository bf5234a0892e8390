package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.image.HostTools;
import dev.ironbox.core.image.ImageBuilder;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SeccompProfile;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ironbox's seccomp profile on a real engine (issue 9, item 7): a sandbox — a run, a session, even a container given
 * {@code CAP_SYS_ADMIN} as root — cannot create or join a namespace (on Podman's own profile it could create a user
 * namespace and hold every capability in it), use the kernel keyring, {@code bpf}, {@code userfaultfd} or
 * {@code perf_event_open}; fork, spawn and threads still work. The system calls are made raw by a Python probe
 * ({@code syscall-probe.py}) through the host's python3 in a host-tools image, with arguments the kernel itself
 * would answer differently, so EPERM/ENOSYS can only be the filter's. An adapter's IT extends this and implements
 * {@link #connect()}; it fails, never skips, when the engine is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class SeccompContract {

    /** What the probe must see in any Ironbox sandbox: every escape refused, the ordinary calls working. */
    static final Map<String, String> REFUSED = refused();

    private ContainerRuntime runtime;
    private Sandbox sandbox;
    private String hostTools;
    private final List<String> sessions = new ArrayList<>();

    @TempDir
    Path workspace;

    /** Connects to the engine under test; called once per test class. Must fail (not skip) when there is no engine. */
    protected abstract ContainerRuntime connect();

    /** Whether every run of these tests runs in a warm sandbox of the pool ({@link PooledSandbox}). */
    protected boolean pooled() {
        return false;
    }

    @BeforeAll
    void connectAndBuildTheHostToolsImage() {
        runtime = connect();
        sandbox = PooledSandbox.of(runtime, pooled());
        hostTools = new ImageBuilder(runtime.images()).buildHostTools(ImageBuildContract.freshTag(),
                TransferProgress.NONE);
    }

    @BeforeEach
    void workspaceWithTheProbe() throws IOException {
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (InputStream probe = SeccompContract.class.getResourceAsStream("syscall-probe.py")) {
            Files.write(workspace.resolve("syscall-probe.py"), probe.readAllBytes());
        }
    }

    @AfterEach
    void leavesNothingBehind() {
        sessions.forEach(sandbox::stopSession);
        sessions.clear();
        assertThat(RemovalGrace.awaitNone(() -> pooled() ? PooledSandbox.ownContainers(runtime, sandbox)
                : runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid())))
                .as("containers left behind").isEmpty();
    }

    @AfterAll
    void removeTheImageAndDisconnect() {
        if (sandbox != null) {
            sandbox.close(); // first: a warm sandbox of the pool may still use the image
        }
        if (hostTools != null) {
            runtime.images().remove(hostTools);
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The attack of issue 9 and its siblings, with busybox's unshare in Ironbox's default image. */
    @ParameterizedTest
    @ValueSource(strings = {"-U -r", "-m", "-n", "-i", "-u", "-p -f"})
    void aRunCannotUnshareANamespace(String options) throws Exception {
        RunResult result = sandbox.run(RunRequest.builder().workspace(workspace).image(SandboxSettings.DEFAULT_IMAGE)
                .command(List.of("sh", "-c", "unshare " + options + " sh -c 'grep CapEff /proc/self/status'"))
                .build());
        assertThat(result.exitCode()).as(result.stderr()).isNotZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("unshare(0x").contains("Operation not permitted");
    }

    @Test
    void aRunIsRefusedEverySyscallOfTheProfileAndStillForksAndSpawnsThreads() throws Exception {
        RunResult result = sandbox.run(RunRequest.builder().workspace(workspace).image(hostTools)
                .command(List.of("/usr/bin/python3", "/workspace/syscall-probe.py")).build());
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(probed(result.stdout())).containsExactlyEntriesOf(REFUSED);
    }

    @Test
    void aSessionsExecsAreRefusedTheSame() throws Exception {
        SessionInfo session = sandbox.startSession(SessionRequest.builder().workspace(workspace).image(hostTools)
                .build());
        sessions.add(session.id());
        RunResult probe = exec(session, "/usr/bin/python3", "/workspace/syscall-probe.py");
        assertThat(probe.stderr()).isEmpty();
        assertThat(probed(probe.stdout())).containsExactlyEntriesOf(REFUSED);
        // util-linux's unshare, which knows every namespace type (cgroup and time too)
        for (String options : List.of("-U -r", "-U -c", "-m", "-n", "-i", "-u", "-p -f", "-C", "-T")) {
            RunResult unshare = exec(session, "sh", "-c", "unshare " + options + " true");
            assertThat(unshare.exitCode()).as("unshare %s", options).isNotZero();
            assertThat(unshare.stderr()).as("unshare %s", options).contains("Operation not permitted");
        }
    }

    /**
     * The profile is Ironbox's own, applied whatever the capabilities: Docker's default would let a container with
     * {@code CAP_SYS_ADMIN} create namespaces, {@code bpf} and {@code perf_event_open}. Through the runtime ports, with
     * the spec's default profile, as a third-party runtime gets it.
     */
    @Test
    void evenRootWithCapSysAdminIsRefused() throws Exception {
        ContainerSpec spec = ContainerSpec.builder()
                .name("ironbox-tck-" + UUID.randomUUID())
                .image(hostTools)
                .command(List.of("/usr/bin/python3", "/workspace/syscall-probe.py"))
                .putEnv("PATH", "/usr/local/bin:/usr/bin:/bin")
                .workingDir("/workspace")
                .user("0:0")
                .labels(OwnerLabels.forCurrentProcess("readonly"))
                .addBinds(new Mount(workspace, "/workspace", true))
                .addAllBinds(HostTools.binds(runtime.images().inspect(hostTools).orElseThrow().labels()))
                .addTmpfs(new TmpfsMount("/tmp", 16L << 20))
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .addCapAdd("SYS_ADMIN", "SYS_PTRACE")
                .noNewPrivileges(true)
                .memoryBytes(256L << 20)
                .memorySwapBytes(256L << 20)
                .nanoCpus(1_000_000_000L)
                .pidsLimit(64)
                .init(true)
                .networkMode("none")
                .build();
        assertThat(spec.seccompProfile()).isEqualTo(SeccompProfile.ironbox());

        ContainerId id = runtime.containers().create(spec);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (LogFollow follow = runtime.logs().follow(id, chunk -> {
            synchronized (stdout) {
                (chunk.stream() == StreamType.STDOUT ? stdout : stderr).writeBytes(chunk.bytes());
            }
        })) {
            runtime.lifecycle().start(id);
            Optional<ExitStatus> exit = runtime.lifecycle().awaitExit(id, Duration.ofSeconds(60));
            assertThat(exit).as("the probe ended").isPresent();
            assertThat(follow.awaitEnd(Duration.ofSeconds(30))).as("the output ended").isTrue();
        } finally {
            runtime.lifecycle().remove(id);
        }
        synchronized (stdout) {
            assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(probed(stdout.toString(StandardCharsets.UTF_8))).containsExactlyEntriesOf(REFUSED);
        }
    }

    private RunResult exec(SessionInfo session, String... command) throws InterruptedException {
        return sandbox.execInSession(SessionExecRequest.builder().sessionId(session.id()).command(List.of(command))
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(60)).build()).build(), chunk -> {});
    }

    /** The probe's "name result" lines, in order. */
    private static Map<String, String> probed(String output) {
        Map<String, String> results = new LinkedHashMap<>();
        output.lines().map(line -> line.split(" ", 2)).forEach(parts -> results.put(parts[0],
                parts.length > 1 ? parts[1] : ""));
        return results;
    }

    private static Map<String, String> refused() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String call : List.of("unshare-user", "unshare-mount", "unshare-net", "setns", "clone-newuser",
                "clone-newns", "clone-newnet")) {
            expected.put(call, "EPERM");
        }
        expected.put("clone3-newuser", "ENOSYS"); // so that libc falls back to clone, whose flags the filter sees
        for (String call : List.of("keyctl", "add_key", "request_key", "bpf", "userfaultfd", "perf_event_open")) {
            expected.put(call, "EPERM");
        }
        for (String call : List.of("clone-plain", "fork", "spawn", "thread")) {
            expected.put(call, "ok");
        }
        return expected;
    }
}
