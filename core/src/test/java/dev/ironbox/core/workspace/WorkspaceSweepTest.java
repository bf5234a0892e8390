package dev.ironbox.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.host.HostPathsTest;
import dev.ironbox.core.label.SandboxUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a sandbox left in a workspace loses set-id and group/other write; what it did not touch keeps its mode. */
class WorkspaceSweepTest {

    private static final int OWN_UID = SandboxUser.current().isCaller() ? SandboxUser.current().uid() : 0;

    @TempDir Path temp;
    private Path workspace;
    private Path outside;
    private Path callers;
    private Instant runStarted;

    @BeforeEach
    void aWorkspaceWithAnOldFileOfTheCaller() throws Exception {
        workspace = HostPathsTest.Sandboxed.workspace(temp.resolve("workspace"));
        outside = Files.createDirectories(temp.resolve("outside"));
        callers = mode(Files.writeString(workspace.resolve("shared-notes"), "x"), 0664);
        Files.setAttribute(Files.createDirectories(workspace.resolve("team")), "unix:mode", 02775);
        // The run starts later than the caller's files last changed, by more than the sweep's allowance.
        runStarted = ctime(callers).plus(SweepRule.SLACK).plusMillis(20);
        awaitClockPast(runStarted);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSandboxRunningAsTheCallerLosesWhatItSetOnWhatItChanged(boolean live) throws Exception {
        Path tool = mode(Files.writeString(workspace.resolve("x"), "#!/bin/sh\n"), 06755);
        Path dir = mode(Files.createDirectories(workspace.resolve("d")), 0777);
        Path open = mode(Files.writeString(workspace.resolve("w"), ""), 0666);
        Path deep = mode(Files.writeString(Files.createDirectories(workspace.resolve("a/b/c")).resolve("y"), ""), 04711);
        Path sticky = mode(Files.writeString(workspace.resolve("s"), ""), 01644);
        Files.writeString(workspace.resolve("team/new"), ""); // work inside the caller's shared directory

        WorkspaceSweep.Report report = sweep(OWN_UID, live);

        assertThat(mode(tool)).isEqualTo(0755);
        assertThat(mode(dir)).as("a directory loses other write only").isEqualTo(0775);
        assertThat(mode(open)).isEqualTo(0644);
        assertThat(mode(deep)).isEqualTo(0711);
        assertThat(mode(sticky)).isEqualTo(0644);
        assertThat(mode(callers)).as("the caller's file the run did not touch").isEqualTo(0664);
        assertThat(mode(workspace.resolve("team"))).as("the caller's group directory it wrote in").isEqualTo(02775);
        assertThat(mode(workspace)).as("the workspace itself: other write").isEqualTo(0775);
        assertThat(report.complete()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSandboxWithTheDedicatedIdLosesItOnEverythingItOwnsAndTouchesNothingElse(boolean live) throws Exception {
        // the tests run as root (README's quick start; CI): only root can make files the dedicated id owns
        assertThat(SandboxUser.current().isCaller()).as("running as root").isFalse();
        // owner first: a chown clears set-id bits
        Path tool = mode(sandboxs(Files.writeString(workspace.resolve("x"), "#!/bin/sh\n")), 06755);
        Path dir = mode(sandboxs(Files.createDirectories(workspace.resolve("d"))), 01777);
        Path open = mode(sandboxs(Files.writeString(workspace.resolve("d/w"), "")), 0666);
        Files.writeString(workspace.resolve("team/new"), "");
        Path callersNew = mode(Files.writeString(workspace.resolve("callers-new"), ""), 04777);

        WorkspaceSweep.Report report = sweep(SandboxUser.DEDICATED_ID, live);

        assertThat(mode(tool)).isEqualTo(0755);
        assertThat(mode(dir)).isEqualTo(0755);
        assertThat(mode(open)).isEqualTo(0644);
        assertThat(mode(callers)).isEqualTo(0664);
        assertThat(mode(callersNew)).as("not the sandbox's, however new").isEqualTo(04777);
        assertThat(mode(workspace.resolve("team"))).isEqualTo(02775);
        assertThat(mode(workspace)).as("root's workspace, open for the sandbox").isEqualTo(0777);
        assertThat(report.cleared()).isEqualTo(3);
    }

    @Test
    void aLinkIsNeverFollowedOutOfTheWorkspace() throws Exception {
        Path target = mode(Files.writeString(outside.resolve("host-file"), ""), 06777);
        Path targetDir = mode(Files.createDirectories(outside.resolve("host-dir")), 0777);
        Files.createSymbolicLink(workspace.resolve("to-file"), target);
        Files.createSymbolicLink(workspace.resolve("to-dir"), targetDir);
        mode(Files.writeString(targetDir.resolve("inside"), ""), 06777);

        sweep(OWN_UID, true);
        sweep(OWN_UID, false);

        assertThat(mode(target)).isEqualTo(06777);
        assertThat(mode(targetDir)).isEqualTo(0777);
        assertThat(mode(targetDir.resolve("inside"))).isEqualTo(06777);
    }

    @Test
    void inASessionSetIdCountsFromItsStartAndWriteFromTheExec() throws Exception {
        Path fromAnEarlierExec = mode(Files.writeString(workspace.resolve("earlier"), ""), 04777);
        Path openEarlier = mode(Files.writeString(workspace.resolve("open-earlier"), ""), 0666);
        Instant execStarted = ctime(fromAnEarlierExec).plus(SweepRule.SLACK).plusMillis(20);
        awaitClockPast(execStarted);
        Path fromThisExec = mode(Files.writeString(workspace.resolve("now"), ""), 0666);

        WorkspaceSweep.sweep(workspace.toRealPath(), new SweepRule(OWN_UID, runStarted, execStarted), true);

        assertThat(mode(fromAnEarlierExec)).isEqualTo(0755);
        assertThat(mode(openEarlier)).as("group/other write: only what this exec changed").isEqualTo(0666);
        assertThat(mode(fromThisExec)).isEqualTo(0644);
    }

    @Test
    void fifosAreLeftAloneWithoutBlocking() throws Exception {
        Path fifo = workspace.resolve("fifo");
        // not through Java: its chmod opens the file, and an open of a fifo waits for a writer
        assertThat(new ProcessBuilder("mkfifo", "-m", "666", fifo.toString()).inheritIO().start().waitFor()).isZero();

        WorkspaceSweep.Report report = sweep(OWN_UID, true);

        assertThat(report.complete()).isTrue();
        assertThat(mode(fifo)).isEqualTo(0666);
    }

    @Test
    void aWorkspaceThatIsNowALinkIsNotSweptThrough() throws Exception {
        Path tool = mode(Files.writeString(outside.resolve("tool"), ""), 06755);
        Path link = Files.createSymbolicLink(temp.resolve("link"), outside);

        WorkspaceSweep.Report report = WorkspaceSweep.sweep(link, SweepRule.since(OWN_UID, runStarted), false);

        assertThat(report.complete()).isFalse();
        assertThat(mode(tool)).isEqualTo(06755);
    }

    private WorkspaceSweep.Report sweep(int sandboxUid, boolean live) throws IOException {
        return WorkspaceSweep.sweep(workspace.toRealPath(), SweepRule.since(sandboxUid, runStarted), live);
    }

    private static void awaitClockPast(Instant instant) throws InterruptedException {
        while (Instant.now().isBefore(instant.plusMillis(20))) {
            Thread.sleep(10);
        }
    }

    private static Path sandboxs(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", SandboxUser.DEDICATED_ID, LinkOption.NOFOLLOW_LINKS);
        return path;
    }

    private static Path mode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        return path;
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static Instant ctime(Path path) throws IOException {
        return ((FileTime) Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toInstant();
    }
}
