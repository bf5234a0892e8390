package dev.ironbox.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Java user writes by hand with docker-java (the version the Docker adapter uses), Docker only: a one-shot
 * container (create, attach, start, wait, remove; attached rather than read from the logs endpoint, since the
 * hardened profile has no log driver) and an exec into a warm container of the same profile.
 */
final class DockerJavaWays implements AutoCloseable {

    private final DockerClient client;
    private final Hardening hardening;
    private final Map<String, String> labels = Map.of(Hardening.LABEL, Hardening.pid());
    private String warm;

    DockerJavaWays(Hardening hardening) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///var/run/docker.sock").build();
        this.client = DockerClientImpl.getInstance(config,
                new ZerodepDockerHttpClient.Builder().dockerHost(URI.create("unix:///var/run/docker.sock")).build());
        this.hardening = hardening;
    }

    Way oneShot() {
        return Way.of("docker-java create→attach→start→wait→remove", workload -> {
            CreateContainerResponse created = client.createContainerCmd(Hardening.IMAGE)
                    .withEntrypoint(List.of()).withCmd(workload.argv()).withUser(hardening.user())
                    .withEnv("HOME=/tmp").withWorkingDir("/workspace").withLabels(labels)
                    .withHostConfig(hardening.hostConfig(true)).exec();
            String id = created.getId();
            try {
                Counter out = client.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                        .exec(new Counter());
                out.awaitStarted();
                client.startContainerCmd(id).exec();
                int exit = client.waitContainerCmd(id).start().awaitStatusCode();
                out.awaitCompletion();
                workload.check("docker-java one-shot", exit, out.stdout.get());
            } finally {
                client.removeContainerCmd(id).withForce(true).exec();
            }
        });
    }

    Way execWarm() {
        CreateContainerResponse created = client.createContainerCmd(Hardening.IMAGE)
                .withEntrypoint(List.of()).withCmd("sleep", "86400").withUser(hardening.user())
                .withEnv("HOME=/tmp").withWorkingDir("/workspace").withLabels(labels)
                .withHostConfig(hardening.hostConfig(true).withAutoRemove(true)).exec();
        warm = created.getId();
        client.startContainerCmd(warm).exec();
        return Way.of("docker-java exec into a warm container", workload -> {
            ExecCreateCmdResponse exec = client.execCreateCmd(warm).withCmd(workload.argv().toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec();
            Counter out = client.execStartCmd(exec.getId()).exec(new Counter());
            out.awaitCompletion();
            Long exit = client.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
            workload.check("docker-java exec", exit == null ? -1 : exit.intValue(), out.stdout.get());
        });
    }

    @Override
    public void close() throws IOException {
        try {
            if (warm != null) {
                client.removeContainerCmd(warm).withForce(true).exec();
                warm = null;
            }
        } catch (RuntimeException e) {
            System.err.println("WARN: could not remove the warm container " + warm + ": " + e);
        } finally {
            client.close();
        }
    }

    /** Counts stdout's bytes (stderr is shown: a peer's error should be seen). */
    private static final class Counter extends ResultCallback.Adapter<Frame> {
        final AtomicLong stdout = new AtomicLong();

        @Override
        public void onNext(Frame frame) {
            if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.RAW) {
                stdout.addAndGet(frame.getPayload().length);
            } else {
                System.err.write(frame.getPayload(), 0, frame.getPayload().length);
            }
        }
    }
}
