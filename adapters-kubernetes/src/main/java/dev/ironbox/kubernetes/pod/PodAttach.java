package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.kubernetes.cluster.ChunkOutput;
import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the gated command of a pod's {@link PodNames#SANDBOX_CONTAINER}: attaches to it and writes
 * {@link PodNames#GO}.
 *
 * <p>No output can be lost: the container's command is {@code sh -c GATE} (see {@link PodSpecs#GATE}), which writes
 * nothing of the command's and blocks reading lines from its standard input. fabric8 returning the attach open is not
 * enough: containerd's CRI attach starts copying stdin before it adds the stdout/stderr writers, so the first bytes
 * of a command released at once could go to no one. Hence a handshake: this sends {@code ping N} (N = 1, 2, ...,
 * again every {@link #PING_EVERY} until the schedule timeout's rest is spent), the gate answers each with a marker
 * line on stdout, and the first marker received proves the stdout writer is there; then "go" is written, and
 * {@link GateOutput} drops the gate's lines through the marker of the last ping (all are answered, in order, before
 * the command starts). The attach ends only when the container's streams end, after its last byte — even one without
 * a newline, written just before it exits. The two streams come on their own channels of the attach protocol and
 * reach the sink as {@link StreamType#STDOUT} and {@link StreamType#STDERR} chunks, in order per stream.
 */
final class PodAttach {

    private static final String SUCCESS = "Success";
    private static final String NON_ZERO_EXIT = "NonZeroExitCode";
    private static final Logger LOG = LoggerFactory.getLogger(PodAttach.class);
    private static final byte[] GO_LINE = (PodNames.GO + "\n").getBytes(StandardCharsets.US_ASCII);
    /** How long a ping waits for its marker before the next is sent. */
    static final Duration PING_EVERY = Duration.ofMillis(150);

    private final Cluster cluster;

    PodAttach(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Attaches to the sandbox container of pod {@code pod} and writes "go". With {@code follow}, its sink receives the
     * output and the follow keeps the attach until it is closed; "go" is written once the gate's marker came back
     * within {@code left}. Without one (a session's start, whose output no one reads), "go" is written at once and
     * the attach closed (the gate's {@code exec ... </dev/null} no longer reads it).
     *
     * @throws ContainerFailureException when the attach or the write fails, or no marker came within {@code left}
     */
    void release(String pod, Optional<PodFollow> follow, Duration left) throws InterruptedException {
        PodResource resource = cluster.client().pods().inNamespace(cluster.namespace()).withName(pod);
        ExecWatch watch;
        GateOutput stdout = null;
        try {
            if (follow.isPresent()) {
                PodFollow f = follow.get();
                stdout = new GateOutput(new ChunkOutput(StreamType.STDOUT, f.sink()));
                watch = resource.inContainer(PodNames.SANDBOX_CONTAINER).withReadyWaitTimeout(0).redirectingInput()
                        .writingOutput(stdout)
                        .writingError(new ChunkOutput(StreamType.STDERR, f.sink()))
                        .usingListener(ended(pod, f)).attach();
                f.attached(watch);
            } else {
                watch = resource.inContainer(PodNames.SANDBOX_CONTAINER).withReadyWaitTimeout(0).redirectingInput()
                        .attach();
            }
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot attach to container " + PodNames.SANDBOX_CONTAINER
                    + " of pod " + pod + ": " + e.getMessage(), e);
        }
        try {
            OutputStream in = watch.getInput();
            if (stdout != null) {
                stdout.releasedAfter(handshake(pod, in, stdout, left));
            }
            in.write(GO_LINE);
            in.flush();
        } catch (IOException | KubernetesClientException e) {
            watch.close();
            throw new ContainerFailureException("cannot start the command in pod " + pod + ": writing to its"
                    + " standard input failed: " + e.getMessage(), e);
        } catch (RuntimeException | InterruptedException e) {
            watch.close();
            throw e;
        }
        if (follow.isEmpty()) {
            watch.close();
        }
    }

    /** Pings until a marker comes back; the last ping sent (its marker ends the gate's output). */
    private static long handshake(String pod, OutputStream in, GateOutput stdout, Duration left)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + left.toNanos();
        long ping = 0;
        do {
            ping++;
            in.write((PodNames.PING + ping + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
            long wait = Math.min(PING_EVERY.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (stdout.awaitMarker(wait)) {
                return ping;
            }
        } while (System.nanoTime() < deadline);
        throw new ContainerFailureException("cannot start the command in pod " + pod + ": its gate did not answer"
                + " on the attach's standard output within the schedule timeout (" + ping + " pings sent)");
    }

    /**
     * fabric8 calls these after it delivered every chunk received before them (one serial executor). The stream's end
     * is normal once the API server said so on the status channel (Success, or the container's non-zero exit), or the
     * WebSocket closed cleanly; a status saying the attach failed, or a connection that broke before any status, is
     * output lost — but a connection cut AFTER the success status (a proxy dropping TCP without a close frame; fabric8
     * then still calls onFailure) lost nothing.
     */
    static ExecListener ended(String pod, PodFollow follow) {
        return new ExecListener() {
            private volatile boolean statusSaidDone;

            @Override
            public void onExit(int code, Status status) {
                if (status == null || SUCCESS.equals(status.getStatus()) || NON_ZERO_EXIT.equals(status.getReason())) {
                    statusSaidDone = true;
                    return;
                }
                LOG.warn("the attach to pod {} failed: its output is incomplete: {}", pod, status.getMessage());
                follow.broke(new IOException("the API server ended the attach: " + status.getMessage()));
            }

            @Override
            public void onClose(int code, String reason) {
                follow.end();
            }

            @Override
            public void onFailure(Throwable failure, Response response) {
                if (statusSaidDone) {
                    LOG.debug("the attach to pod {} broke after its end was reported: nothing lost", pod, failure);
                    follow.end();
                    return;
                }
                // the connection broke before the container's streams ended: the rest of the output is lost, and
                // the follow says so (its awaitEnd throws) rather than end as if the output were whole
                LOG.warn("the attach to pod {} broke: its output is incomplete: {}", pod, failure.toString());
                follow.broke(failure);
            }
        };
    }
}
