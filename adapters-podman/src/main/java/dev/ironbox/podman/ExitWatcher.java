package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExitStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Waits for a container's exit and tells how it ended, smoothing over two differences from Docker:
 * <ul>
 *   <li>catatonit (Podman's init) exits 1 when it cannot exec the command; its stderr, as the container's follow
 *       saw it ({@link StderrTails}), then becomes 127 or 126 ({@link InitFailures});</li>
 *   <li>Podman before 5.0 never sets {@code State.OOMKilled} (containers/podman#13102: conmon leaves its OOM marker
 *       in its own working directory, where Podman 4 does not look). There, an OOM kill is inferred from what the
 *       kernel's OOM killer leaves behind: a memory-limited container whose command died of SIGKILL (137) although
 *       nobody killed it through this runtime. A command that SIGKILLs itself is misreported as OOM-killed.</li>
 * </ul>
 */
final class ExitWatcher {

    /** Podman 5.0 reads conmon's OOM marker again. */
    static final String RELIABLE_OOM_FLAG = "5.0.0";
    static final int SIGKILLED = 128 + 9;

    /** How often Podman itself checks for the exit while a wait blocks (its default is 250 ms). */
    private static final String WAIT_INTERVAL = "50ms";

    /** How long a stopped container's attach may take to deliver its last output. */
    private static final Duration TAIL_WAIT = Duration.ofSeconds(10);

    private final LibpodClient client;
    private final Background background;
    private final StderrTails tails;
    private final Set<String> killed = ConcurrentHashMap.newKeySet();
    private volatile String apiVersion;

    ExitWatcher(LibpodClient client, Background background, StderrTails tails) {
        this.client = client;
        this.background = background;
        this.tails = tails;
    }

    /** Remembers that this runtime killed {@code id}, so its SIGKILL exit is not taken for an OOM kill. */
    void killing(ContainerId id) {
        killed.add(id.value());
    }

    void forget(ContainerId id) {
        killed.remove(id.value());
    }

    Optional<ExitStatus> await(ContainerId id, Duration timeout) throws InterruptedException {
        String path = PodmanLifecycle.path(id) + "/wait?condition=stopped&interval=" + WAIT_INTERVAL;
        Optional<Reply> waited;
        try {
            // not retried: a wait whose connection broke means the engine went away during the run, and the
            // attach (the only copy of the output) broke with it, looking like a normal end; a retry on a restarted
            // service would return the exit as if nothing had been lost
            waited = background.call(() -> client.call(Method.POST, path, null, false), timeout);
        } catch (ExecutionException e) {
            throw Errors.container("cannot wait for container " + id, e.getCause());
        }
        if (waited.isEmpty()) {
            return Optional.empty();
        }
        Reply reply = waited.get();
        if (!reply.ok()) {
            throw Errors.container("cannot wait for container " + id, reply.error());
        }
        int code;
        try {
            code = Integer.parseInt(reply.text().strip());
        } catch (NumberFormatException e) {
            throw new ContainerFailureException("waiting for container " + id + " ended without an exit code: "
                    + Errors.shorten(reply.text()), e);
        }
        Libpod.Container inspected;
        try {
            inspected = client.get(PodmanLifecycle.path(id) + "/json", Libpod.Container.class);
        } catch (LibpodException e) {
            throw Errors.container("cannot inspect container " + id, e);
        }
        Libpod.HostConfig host = inspected.hostConfig() == null
                ? new Libpod.HostConfig(false, 0)
                : inspected.hostConfig();
        if (code == InitFailures.CATATONIT_EXEC_FAILED && host.init()) {
            code = InitFailures.exitCodeFor(tails.awaitTail(id, TAIL_WAIT)).orElse(code);
        }
        boolean reported = inspected.state() != null && inspected.state().oomKilled();
        return Optional.of(new ExitStatus(code, reported || inferOom(id, code, host.memory())));
    }

    private boolean inferOom(ContainerId id, int code, long memoryLimit) {
        return code == SIGKILLED && inferOom(code, memoryLimit, killed.contains(id.value()), apiVersion());
    }

    /** Whether an exit means an OOM kill the engine did not report. */
    static boolean inferOom(int exitCode, long memoryLimit, boolean killedByUs, String apiVersion) {
        return exitCode == SIGKILLED && memoryLimit > 0 && !killedByUs
                && ApiVersion.compare(apiVersion, RELIABLE_OOM_FLAG) < 0;
    }

    private String apiVersion() {
        String known = apiVersion;
        if (known == null) {
            try {
                known = client.ping();
                apiVersion = known;
            } catch (LibpodException e) {
                // the engine is away for now: assume the oldest, and ask again next time rather than remember it
                known = ApiVersion.MINIMUM;
            }
        }
        return known;
    }
}
