package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on a real engine: what an attacker (or a broken script) hands Ironbox is refused with the same one-line
 * message on every runtime, before anything is created — limits past what the engine's machine has, image references
 * of any size or shape, system and engine directories as workspaces — and what the engine answers to hostile input
 * reaches the caller bounded. An adapter's IT extends it in a few lines; it must fail, never skip, without the engine.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class BadInputContract extends SandboxContractFixture {

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;

    // ---- limits: against what the engine's machine has, the same check and message on every runtime ----

    @Test
    void theEngineReportsItsCpusAndMemory() {
        EngineInfo engine = runtime.engine().probe();
        assertThat(engine.capacity().cpus()).as("CPUs").isPresent();
        assertThat(engine.capacity().cpus().getAsInt()).isPositive();
        assertThat(engine.capacity().memoryBytes()).as("memory").isPresent();
    }

    @Test
    void moreCpusThanTheEngineHasAreRefusedBeforeAnythingIsCreated() {
        int cpus = runtime.engine().probe().capacity().cpus().orElseThrow();
        String expected = "invalid limits: cpus must be at most " + cpus + ", the number of CPUs the engine has; "
                + "got 1000";
        assertThatThrownBy(() -> sandbox.run(request().limits(ResourceLimits.builder().cpus(1000).build()).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage(expected);
        assertThatThrownBy(() -> sandbox.startSession(SessionRequest.builder().workspace(workspace).image(IMAGE)
                .limits(ResourceLimits.builder().cpus(1000).build()).detached(true).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage(expected);
    }

    @Test
    void memoryPidsAndTimeoutsPastTheirBoundsAreRefused() {
        long total = runtime.engine().probe().capacity().memoryBytes().orElseThrow();
        assertThatThrownBy(() -> sandbox.run(request().limits(ResourceLimits.builder().memoryBytes(total * 4)
                .build()).build())).hasMessageStartingWith("invalid limits: memory must be at most ");
        assertThatThrownBy(() -> sandbox.run(request().limits(ResourceLimits.builder().pidsLimit(99_999_999)
                .build()).build())).hasMessageStartingWith("invalid limits: pids must be at most 32768");
        assertThatThrownBy(() -> sandbox.run(request().limits(ResourceLimits.builder()
                .timeout(Duration.ofHours(1000)).build()).build()))
                .hasMessage("invalid limits: timeout must be at most 24h; got 1000h");
    }

    @Test
    void theEnginesOwnCpusAreAllowed() throws Exception {
        int cpus = runtime.engine().probe().capacity().cpus().orElseThrow();
        assertThat(sandbox.run(request().limits(ResourceLimits.builder().cpus(cpus).build()).build()).exitCode())
                .isZero();
    }

    // ---- image references: bounded and checked in core, before any engine call ----

    @ParameterizedTest
    @ValueSource(ints = {10_000, 1_000_000})
    void aHugeImageReferenceIsRefusedInOneShortLine(int length) {
        assertThatThrownBy(() -> request().image("a".repeat(length)).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("'" + "a".repeat(64) + "...' (" + length + " characters) is not a valid image reference: "
                        + "it is " + length + " characters long; a reference has at most 520 (a name of 255, a tag "
                        + "of 128 and a digest)");
    }

    /** Past core's check, straight to the port: what the engine answers about a huge name comes back bounded. */
    @ParameterizedTest
    @ValueSource(ints = {10_000, 100_000})
    void theEnginesAnswerToAHugeNameIsBounded(int length) {
        boolean[] exists = {true};
        Throwable thrown = catchThrowable(() -> exists[0] = runtime.images().exists("a".repeat(length)));
        if (thrown == null) {
            assertThat(exists[0]).as("an image of that name").isFalse();
        } else {
            assertThat(thrown).isInstanceOf(IronboxException.class);
            assertThat(thrown.getMessage()).hasSizeLessThan(3000);
        }
    }

    // ---- workspaces: system and engine directories, and links to them ----

    @ParameterizedTest
    @ValueSource(strings = {"/etc", "/var/lib/docker", "/run/docker", "/var/lib/containers", "/run/podman", "/var",
            "/usr", "/proc/self", "/"})
    void systemAndEngineDirectoriesAreRefusedAsWorkspaces(String directory) {
        Path path = Path.of(directory);
        assertThat(path).as("present on this machine").isDirectory();
        assertThatThrownBy(() -> sandbox.run(request().workspace(path).build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("workspace " + directory + " ")
                .hasMessageContaining(" is refused: it ");
        assertThatThrownBy(() -> sandbox.startSession(SessionRequest.builder().workspace(path).image(IMAGE)
                .detached(true).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(" is refused: it ");
    }

    @Test
    void aLinkToEtcIsEtc() throws IOException {
        Path link = Files.createSymbolicLink(workspace.resolve("project"), Path.of("/etc"));
        assertThatThrownBy(() -> sandbox.run(request().workspace(link).build()))
                .hasMessage("workspace " + link + " (/etc) is refused: it is /etc (the host's configuration), which a "
                        + "sandbox must not be given; choose a project directory");
    }

    private RunRequest.Builder request() {
        return RunRequest.builder().command(List.of("true")).workspace(workspace).image(IMAGE);
    }
}
