package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code workspace_write} sandbox leaves on the host, on a real engine: no set-id and no group/other
 * writable file (issue 9, item 3), a uid that is nobody on the host unless it is the caller's, and no copy out of a
 * session written through a link the sandbox planted at the destination (item 5). An adapter's IT extends it and
 * implements {@link #connect()}; it must fail, never skip, without the engine.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class SandboxPermissionsContract extends SandboxContractFixture {

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;

    /** What the attack leaves in the workspace: a set-id copy of busybox, a world-writable directory and file. */
    private static final String ATTACK = "cp /bin/busybox ./x && chmod 6755 ./x && mkdir d && chmod 777 d "
            + "&& touch w && chmod 666 w && stat -c '%a %n' x d w";

    @TempDir
    Path host;

    @Test
    void aWorkspaceWriteRunLeavesNoSetIdNorGroupOrOtherWritableFileOnTheHost() throws Exception {
        Path callers = untouchedFileOfTheCaller();

        RunResult run = sandbox.run(RunRequest.builder().image(IMAGE).workspace(workspace).policy(SandboxPolicy.WORKSPACE_WRITE)
                .command(List.of("sh", "-c", ATTACK)).limits(limits()).build());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).as("inside, the attack worked").isEqualTo("6755 x\n777 d\n666 w\n");
        assertClean();
        assertThat(mode(callers)).as("the caller's file the run did not touch").isEqualTo(0664);
    }

    @Test
    void aSessionExecLeavesNoneEitherAndWhatItLeftRunningIsSweptAtTheStop() throws Exception {
        Path callers = untouchedFileOfTheCaller();
        SessionInfo session = sandbox.startSession(SessionRequest.builder().image(IMAGE).workspace(workspace)
                .policy(SandboxPolicy.WORKSPACE_WRITE).detached(true).build());
        try {
            RunResult attack = exec(session, "sh", "-c", ATTACK);
            assertThat(attack.stdout()).as(attack.stderr()).isEqualTo("6755 x\n777 d\n666 w\n");
            assertClean();
            // a process the exec leaves behind sets the bits again once the exec's sweep is over
            assertThat(exec(session, "sh", "-c", "(while [ ! -e go ]; do sleep 1; done; cp /bin/busybox later; "
                    + "chmod 6755 later; touch later-done) > /dev/null 2>&1 &").exitCode()).isZero();
            Files.writeString(workspace.resolve("go"), "");
            awaitInWorkspace("later-done");
            assertThat(mode(workspace.resolve("later"))).as("between execs, nothing sweeps").isEqualTo(06755);
        } finally {
            sandbox.stopSession(session.id());
        }
        assertThat(mode(workspace.resolve("later")) & 06022).as("swept at the stop").isZero();
        assertClean();
        assertThat(mode(callers)).isEqualTo(0664);
    }

    @Test
    void theSandboxRunsAsNobodyOnTheHostUnlessItIsTheCaller() throws Exception {
        RunResult ids = sandbox.run(RunRequest.builder().image(IMAGE).workspace(workspace).command(List.of("sh", "-c",
                "id -u; id -g")).limits(limits()).build());

        SandboxUser user = SandboxUser.current();
        assertThat(ids.stdout()).isEqualTo(user.uid() + "\n" + user.gid() + "\n");
        assertThat(user.uid()).isNotZero();
        assertThat(user.gid()).isNotZero();
        int own = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (own == 0) {
            assertThat(user.isCaller()).isFalse();
            assertThat(Files.readAllLines(Path.of("/etc/passwd"))).as("no host account has the sandbox's uid")
                    .noneMatch(line -> line.split(":").length > 2 && line.split(":")[2].equals(user.uid() + ""));
            assertThat(Files.readAllLines(Path.of("/etc/group"))).as("no host group has its gid")
                    .noneMatch(line -> line.split(":").length > 2 && line.split(":")[2].equals(user.gid() + ""));
        } else {
            assertThat(user.uid()).as("deliberately the caller").isEqualTo(own);
        }
    }

    @Test
    void aCopyOutDoesNotFollowALinkTheSandboxPlantedAtTheDestination() throws Exception {
        Path hostDirectory = Files.createDirectories(host.resolve("host-directory"));
        SessionInfo session = sandbox.startSession(SessionRequest.builder().image(IMAGE).workspace(workspace)
                .policy(SandboxPolicy.WORKSPACE_WRITE).detached(true).build());
        try {
            assertThat(exec(session, "sh", "-c", "echo secret report > /tmp/report && ln -s " + hostDirectory
                    + " out && mkdir real").exitCode()).isZero();

            assertThatThrownBy(() -> sandbox.copyOut(session.id(), "/tmp/report", workspace.resolve("out"), 1 << 20))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining(workspace.resolve("out").toRealPath(LinkOption.NOFOLLOW_LINKS)
                            + " is a symbolic link (to " + hostDirectory + ")");
            assertThatThrownBy(() -> sandbox.copyOut(session.id(), "/tmp/report",
                    workspace.resolve("out/report"), 1 << 20))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("is a symbolic link");
            assertThat(hostDirectory).isEmptyDirectory();

            sandbox.copyOut(session.id(), "/tmp/report", workspace.resolve("real"), 1 << 20);
            assertThat(workspace.resolve("real/report")).as("a real directory the sandbox made still receives")
                    .hasContent("secret report");
        } finally {
            sandbox.stopSession(session.id());
        }
    }

    // ---- helpers ----

    /** A file of the caller's with group write, older than the run by more than the sweep's clock allowance. */
    private Path untouchedFileOfTheCaller() throws IOException, InterruptedException {
        Path file = Files.writeString(workspace.resolve("callers-notes"), "mine");
        Files.setAttribute(file, "unix:mode", 0664);
        Instant changed = ((FileTime) Files.getAttribute(file, "unix:ctime")).toInstant();
        while (Instant.now().isBefore(changed.plusMillis(1500))) {
            Thread.sleep(50);
        }
        return file;
    }

    /** x, d and w as the attack left them: no set-id anywhere, no group/other write on files, no other write. */
    private void assertClean() throws IOException {
        assertThat(mode(workspace.resolve("x"))).isEqualTo(0755);
        assertThat(mode(workspace.resolve("w"))).isEqualTo(0644);
        int directory = mode(workspace.resolve("d"));
        assertThat(directory & 06002).as("d: %o", directory).isZero();
        if (!SandboxUser.current().isCaller()) {
            assertThat(directory).as("the sandbox's own directory").isEqualTo(0755);
        }
    }

    private void awaitInWorkspace(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(workspace.resolve(name)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(workspace.resolve(name)).as("made by the session's background process").exists();
    }

    private RunResult exec(SessionInfo session, String... command) throws InterruptedException {
        return sandbox.execInSession(SessionExecRequest.builder().sessionId(session.id())
                .command(List.of(command)).limits(limits()).build(), chunk -> {});
    }

    private static ResourceLimits limits() {
        return ResourceLimits.builder().timeout(Duration.ofSeconds(30)).build();
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
