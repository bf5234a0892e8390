package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the gated command of a pod's {@link PodNames#SANDBOX_CONTAINER}: attaches to it and writes
 * {@link PodNames#GO}.
 *
 * <p>No output can be lost: the container's command is {@code sh -c GATE}, which writes nothing and blocks reading
 * one line from its standard input; only on "go" does it {@code exec} the command. "go" is written on this attach,
 * after fabric8 returned it open (the API server upgraded the connection, so the kubelet streams the container's stdout
 * and stderr to it), so the command's first byte is written after the streams are attached, and the attach ends only
 * when the container's streams end, after its last byte — even one without a newline, written just before it exits.
 * The two streams come on their own channels of the attach protocol and reach the sink as {@link StreamType#STDOUT}
 * and {@link StreamType#STDERR} chunks, in order per stream.
 */
final class PodAttach {

    private static final Logger LOG = LoggerFactory.getLogger(PodAttach.class);
    private static final byte[] GO_LINE = (PodNames.GO + "\n").getBytes(StandardCharsets.US_ASCII);

    private final Cluster cluster;

    PodAttach(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Attaches to the sandbox container of pod {@code pod} and writes "go". With {@code follow}, its sink receives the
     * output and the follow keeps the attach until it is closed; without one (a session's start), the attach is closed
     * once "go" was written (the gate's {@code exec ... </dev/null} no longer reads it).
     *
     * @throws ContainerFailureException when the attach or the write fails
     */
    void release(String pod, Optional<PodFollow> follow) {
        PodResource resource = cluster.client().pods().inNamespace(cluster.namespace()).withName(pod);
        ExecWatch watch;
        try {
            if (follow.isPresent()) {
                PodFollow f = follow.get();
                watch = resource.inContainer(PodNames.SANDBOX_CONTAINER).withReadyWaitTimeout(0).redirectingInput()
                        .writingOutput(new ChunkStream(StreamType.STDOUT, f.sink()))
                        .writingError(new ChunkStream(StreamType.STDERR, f.sink()))
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
            in.write(GO_LINE);
            in.flush();
        } catch (IOException | KubernetesClientException e) {
            watch.close();
            throw new ContainerFailureException("cannot start the command in pod " + pod + ": writing to its"
                    + " standard input failed: " + e.getMessage(), e);
        }
        if (follow.isEmpty()) {
            watch.close();
        }
    }

    /** fabric8 calls these after it delivered every chunk received before the close (one serial executor). */
    private static ExecListener ended(String pod, PodFollow follow) {
        return new ExecListener() {
            @Override
            public void onClose(int code, String reason) {
                follow.end();
            }

            @Override
            public void onFailure(Throwable failure, Response response) {
                LOG.debug("the attach to pod {} failed", pod, failure);
                follow.end();
            }
        };
    }
}
