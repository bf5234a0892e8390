package dev.ironbox.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links judged by where they really lead, not only by how their text normalises. */
class LinkCheckTest {

    @TempDir Path temp;

    @Test
    void linksWithinTheTreeStayInsideEvenWhenDanglingOrGoingUpAndDownAgain() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root/a/b"));
        root = temp.resolve("root");
        Path link = root.resolve("a/b/link");

        assertThat(LinkCheck.staysInside(link, "../b", root)).isTrue();
        assertThat(LinkCheck.staysInside(link, "../../a/not-yet-there/file", root)).isTrue();
        assertThat(LinkCheck.staysInside(link, ".", root)).isTrue();
    }

    @Test
    void absoluteEmptyAndLexicallyEscapingTargetsDoNot() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root/a"));
        root = temp.resolve("root");
        Path link = root.resolve("a/link");

        assertThat(LinkCheck.staysInside(link, root.resolve("a").toString(), root)).isFalse();
        assertThat(LinkCheck.staysInside(link, "", root)).isFalse();
        assertThat(LinkCheck.staysInside(link, "../..", root)).isFalse();
        assertThat(LinkCheck.staysInside(link, "../../root-sibling", root)).isFalse();
    }

    @Test
    void aTargetThatLeavesOnTheWayAndComesBackDoesNot() throws Exception {
        Path top = Files.createDirectories(temp.resolve("root/top"));
        Files.writeString(top.resolve("b"), "x");
        Path link = top.resolve("a");

        // through a directory that does not exist (judged lexically) and through one that does (real paths)
        assertThat(LinkCheck.staysInside(link, "missing/../../top/b", top)).isFalse();
        assertThat(LinkCheck.staysInside(link, "../top/b", top)).isFalse();
        assertThat(LinkCheck.staysInside(link, "missing/../b", top)).as("never leaves").isTrue();
    }

    @Test
    void aTargetThatLeavesThroughAnotherLinkDoesNot() throws Exception {
        Path root = temp.resolve("root");
        Path sub = Files.createDirectories(root.resolve("a/sub"));
        Files.createSymbolicLink(sub.resolve("up"), Path.of("../.."));  // -> root, inside

        // Lexically a/sub/up/../x is a/sub/x; really it is root/../x, outside.
        assertThat(LinkCheck.staysInside(sub.resolve("x"), "up/../x", root)).isFalse();
        assertThat(LinkCheck.staysInside(sub.resolve("y"), "up/a", root)).isTrue();
    }
}
