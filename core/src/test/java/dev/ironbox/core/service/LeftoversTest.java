package dev.ironbox.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run container that could not be removed while the engine was away is removed by the service's next call. */
class LeftoversTest {

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();

    @Test
    void aContainerWhoseRemovalFailedIsRemovedByTheNextRun() throws Exception {
        engine.images.add("img");
        try (SandboxService service = new SandboxService(engine, SandboxSettings.builder().build())) {
            engine.removeFailure = new ContainerFailureException("cannot remove container: the engine went away");
            service.run(request(), chunk -> {});
            List<ContainerId> left = List.copyOf(engine.alive);
            assertThat(left).as("the engine was away when the run ended").hasSize(1);

            engine.removeFailure = null; // the engine is back
            service.run(request(), chunk -> {});

            assertThat(engine.alive).as("the leftover and the second run's container").isEmpty();
            assertThat(engine.log).contains("remove container " + left.get(0).value());
        }
    }

    @Test
    void closeRemovesWhatIsLeftWhenTheEngineIsBack() throws Exception {
        engine.images.add("img");
        SandboxService service = new SandboxService(engine, SandboxSettings.builder().build());
        engine.removeFailure = new ContainerFailureException("cannot remove container: the engine went away");
        service.run(request(), chunk -> {});
        engine.removeFailure = null;

        service.close();

        assertThat(engine.alive).isEmpty();
    }

    private RunRequest request() {
        return RunRequest.builder().command(List.of("true")).workspace(workspace).image("img").build();
    }
}
