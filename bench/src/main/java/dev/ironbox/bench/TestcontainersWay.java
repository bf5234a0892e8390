package dev.ironbox.bench;

import java.nio.charset.StandardCharsets;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * testcontainers' {@code GenericContainer}, one-shot, as its documentation shows ({@link OneShotStartupCheckStrategy},
 * the output from {@code getLogs}), the image local and never pulled, no Ryuk ({@code TESTCONTAINERS_RYUK_DISABLED}).
 * Its client is a per-JVM singleton bound to the engine {@code DOCKER_HOST} names (Podman through its Docker-compatible
 * API). The profile is the peers' except the log driver, which stays the engine's default: testcontainers reads
 * output only through the logs endpoint.
 */
final class TestcontainersWay {

    private TestcontainersWay() {}

    static Way oneShot(Hardening hardening) {
        return Way.of("testcontainers GenericContainer one-shot (default log driver)", workload -> {
            try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(Hardening.IMAGE))) {
                container.withImagePullPolicy(image -> false)
                        .withCommand(workload.argv().toArray(String[]::new))
                        .withLabel(Hardening.LABEL, Hardening.pid())
                        .withStartupCheckStrategy(new OneShotStartupCheckStrategy())
                        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint(new String[0])
                                .withUser(hardening.user()).withEnv("HOME=/tmp").withWorkingDir("/workspace")
                                .withHostConfig(hardening.hostConfig(false)));
                container.start();
                long bytes = container.getLogs(org.testcontainers.containers.output.OutputFrame.OutputType.STDOUT)
                        .getBytes(StandardCharsets.UTF_8).length;
                workload.check("testcontainers", 0, bytes);
            }
        });
    }
}
