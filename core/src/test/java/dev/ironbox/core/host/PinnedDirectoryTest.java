package dev.ironbox.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operations relative to an open directory: none follows a link, none blocks on a fifo, none leaves it. */
class PinnedDirectoryTest {

    /** A guard against a hang (an open waiting for a fifo's writer), not a speed target. */
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    @TempDir Path temp;

    @Test
    void openingThroughALinkFailsWhereverTheLinkIs() throws Exception {
        Path real = Files.createDirectories(temp.resolve("real/sub"));
        Files.createSymbolicLink(temp.resolve("link"), Path.of("real"));

        assertThatThrownBy(() -> PinnedDirectory.open(temp.resolve("link/sub")))
                .isInstanceOf(NotDirectoryException.class).hasMessageContaining("symbolic link");
        try (PinnedDirectory opened = PinnedDirectory.open(real.toRealPath())) {
            assertThat(opened.key()).isEqualTo(Files.readAttributes(real, BasicFileAttributes.class).fileKey());
            assertThatThrownBy(() -> opened.child("..")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFifoWhereADirectoryWasFailsAtOnceInsteadOfBlocking() throws Exception {
        mkfifo(temp.resolve("fifo"));
        try (PinnedDirectory dir = PinnedDirectory.open(temp.toRealPath())) {
            assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(() -> dir.child("fifo"))
                    .isInstanceOf(NotDirectoryException.class));
            assertTimeoutPreemptively(NO_HANG, () -> {
                try (SeekableByteChannel ignored = dir.openReadWrite("fifo")) {
                    // read and write: a fifo opens at once
                }
            });
        }
    }

    @Test
    void aDirectoryMovedAwayStaysTheOneWorkedInAndALinkInItsPlaceIsNotFollowed() throws Exception {
        Path work = Files.createDirectories(temp.resolve("work"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        try (PinnedDirectory dir = PinnedDirectory.open(work.toRealPath())) {
            Files.move(work, temp.resolve("moved"));
            Files.createSymbolicLink(work, outside);

            dir.createDirectory("d");
            dir.createSymbolicLink("l", "d");
            try (SeekableByteChannel file = dir.createFile("f")) {
                assertThat(OpenFiles.finish(dir, "f", FileModes.permissions(0640), FileTime.fromMillis(0)))
                        .isTrue();
            }
        }
        assertThat(outside).isEmptyDirectory();
        Path moved = temp.resolve("moved");
        assertThat(moved.resolve("d")).isDirectory();
        assertThat(Files.readSymbolicLink(moved.resolve("l"))).isEqualTo(Path.of("d"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(moved.resolve("f"))))
                .isEqualTo("rw-r-----");
        assertThat(Files.getLastModifiedTime(moved.resolve("f"))).isEqualTo(FileTime.fromMillis(0));
    }

    @Test
    void theJdksNoFollowChmodReallyDoesNotFollowALink() throws Exception {
        // The JDK opens with O_NOFOLLOW and fchmods (seen with strace): a link fails, its target keeps its mode.
        Path target = Files.writeString(temp.resolve("target"), "x");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), target);
        try (PinnedDirectory dir = PinnedDirectory.open(temp.toRealPath())) {
            Object key = Files.readAttributes(target, "basic:fileKey").get("fileKey");
            assertThatThrownBy(() -> OpenFiles.changeMode(dir, "link", key, mode -> mode & 0755))
                    .isInstanceOf(IOException.class).hasMessageContaining("symbolic links");
            assertThatThrownBy(() -> Files.getFileAttributeView(link,
                    java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(PosixFilePermissions.fromString("rwx------"))).isInstanceOf(IOException.class);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw-rw-");
    }

    @Test
    void aFileSwappedUnderItsNameIsNotChangedAndNothingBlocks() throws Exception {
        Path file = Files.writeString(temp.resolve("tool"), "x");
        Object key = Files.readAttributes(file, "basic:fileKey").get("fileKey");
        Files.move(file, temp.resolve("elsewhere")); // kept: its inode is not reused for what comes next
        mkfifo(file); // what a racing sandbox puts there between the look and the change
        try (PinnedDirectory dir = PinnedDirectory.open(temp.toRealPath())) {
            assertTimeoutPreemptively(NO_HANG, () ->
                    assertThat(OpenFiles.changeMode(dir, "tool", key, mode -> 0777)).isFalse());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isNotEqualTo("rwxrwxrwx");
    }

    static void mkfifo(Path path) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor()).isZero();
    }
}
