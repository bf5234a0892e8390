package dev.ironbox.kubernetes.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import dev.ironbox.kubernetes.cluster.ChunkOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Following registers a sink on a created pod; nothing is read before the start attaches. */
class PodLogsTest {

    private final PodRuns runs = new PodRuns();
    private final PodLogs logs = new PodLogs(null, runs);


    @Test
    void aFollowOfACreatedPodWaitsForItsAttachAndCloseEndsIt() throws InterruptedException {
        runs.created("p", Pods.spec("p"));
        LogFollow follow = logs.follow(new ContainerId("p"), chunk -> { });

        assertThat(follow.awaitEnd(Duration.ofMillis(50))).isFalse();
        follow.close();
        follow.close();
        assertThat(follow.awaitEnd(Duration.ZERO)).isTrue();
    }

    @Test
    void aPodThisRuntimeDidNotCreateCannotBeFollowed() {
        assertThatThrownBy(() -> logs.follow(new ContainerId("other"), chunk -> { }))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("cannot follow the output of pod other: this Ironbox instance did not create it");
    }

    @Test
    void aPodIsFollowedOnce() {
        runs.created("p", Pods.spec("p"));
        logs.follow(new ContainerId("p"), chunk -> { });

        assertThatThrownBy(() -> logs.follow(new ContainerId("p"), chunk -> { }))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("already followed");
    }

    @Test
    void aRemovedPodReleasesItsFollow() throws InterruptedException {
        runs.created("p", Pods.spec("p"));
        LogFollow follow = logs.follow(new ContainerId("p"), chunk -> { });

        runs.forget("p");

        assertThat(follow.awaitEnd(Duration.ZERO)).isTrue();
        assertThatThrownBy(() -> logs.follow(new ContainerId("p"), chunk -> { }))
                .isInstanceOf(ContainerFailureException.class);
    }

    @Test
    void eachStreamsBytesBecomeChunksOfThatStream() {
        List<OutputChunk> chunks = new ArrayList<>();
        ChunkOutput err = new ChunkOutput(StreamType.STDERR, chunks::add);

        err.write("xxboomyy".getBytes(StandardCharsets.UTF_8), 2, 4);
        err.write('!');
        err.write(new byte[0], 0, 0);

        assertThat(chunks).containsExactly(new OutputChunk(StreamType.STDERR, "boom".getBytes(StandardCharsets.UTF_8)),
                new OutputChunk(StreamType.STDERR, new byte[] {'!'}));
    }
}
