package dev.ironbox.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.testing.FakeRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SandboxService#check}: what a run would refuse, refused ahead, with nothing made. */
class RunCheckTest {

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();
    private SandboxService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private SandboxService service() {
        engine.images.add("img");
        service = InlineRemovals.service(engine, SandboxSettings.builder().pullMissingImages(false).build());
        return service;
    }

    private RunRequest.Builder request() {
        return RunRequest.builder().command(List.of("true")).workspace(workspace).image("img");
    }

    @Test
    void termsARunWouldTakePassAndNothingIsMade() throws Exception {
        service().check(request().build());

        assertThat(engine.created).isEmpty();
    }

    @Test
    void whatARunWouldRefuseIsRefusedAheadWithTheRunsMessage() throws Exception {
        SandboxService sandbox = service();
        RunRequest tooLong = request().limits(ResourceLimits.builder().timeout(Duration.ofHours(48)).build()).build();
        RunRequest rootWorkspace = request().workspace(Path.of("/")).build();
        RunRequest missingImage = request().image("nosuch.invalid/x:1").build();

        for (RunRequest refused : List.of(tooLong, rootWorkspace, missingImage)) {
            Throwable ahead = catchIronbox(() -> sandbox.check(refused));
            Throwable atRun = catchIronbox(() -> sandbox.run(refused));
            assertThat(ahead).isNotNull();
            assertThat(ahead).hasMessage(atRun.getMessage()).hasSameClassAs(atRun);
        }
        assertThat(engine.created).isEmpty();
    }

    @Test
    void aHostRunIsCheckedForItsTimeout() {
        assertThatThrownBy(() -> service().check(request().policy(dev.ironbox.core.model.SandboxPolicy.FULL_ACCESS)
                        .limits(ResourceLimits.builder().timeout(Duration.ofHours(48)).build()).build()))
                .isInstanceOf(IronboxException.class).hasMessageContaining("24h");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static Throwable catchIronbox(Action action) {
        try {
            action.run();
            return null;
        } catch (IronboxException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
