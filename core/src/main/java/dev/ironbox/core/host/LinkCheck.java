package dev.ironbox.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether a symbolic link stays inside a tree. Lexical normalisation alone is not enough: in
 * {@code a/up -> ..} plus {@code a/x -> up/../..}, {@code x} looks like it stays in the tree but really leaves it.
 * So the target is followed through what exists on disk (each step's real path), and only the part that does not
 * exist yet is judged lexically — step by step, so that {@code missing/../../top/b} is refused too: it leaves the
 * tree on the way, and would lead elsewhere once {@code missing} exists, or resolve differently on another system.
 */
public final class LinkCheck {

    private LinkCheck() {}

    /**
     * @param link the link's path, inside {@code root}
     * @param target the link's target as stored in it
     * @param root the tree's top, an existing directory or file
     * @return whether following {@code link} stays within {@code root}
     */
    public static boolean staysInside(Path link, String target, Path root) throws IOException {
        if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            return false;
        }
        Path top = root.toAbsolutePath().normalize();
        Path parent = link.toAbsolutePath().normalize().getParent();
        Path rest = Path.of(target);
        if (!everyPrefixInside(parent, rest, top)) {
            return false;
        }
        Path realTop = top.toRealPath();
        Path current = parent.toRealPath();
        for (int i = 0; i < rest.getNameCount(); i++) {
            Path next = current.resolve(rest.getName(i));
            if (!Files.exists(next)) {
                // From here on nothing exists to follow; judge the remainder lexically.
                return everyPrefixInside(current, rest.subpath(i, rest.getNameCount()), realTop);
            }
            try {
                current = next.toRealPath();
            } catch (IOException e) {
                return false;
            }
            if (!current.startsWith(realTop)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code start}, then each step of {@code rest} taken lexically, stays within {@code top}. */
    private static boolean everyPrefixInside(Path start, Path rest, Path top) {
        Path current = start;
        for (Path step : rest) {
            current = current.resolve(step).normalize();
            if (!current.startsWith(top)) {
                return false;
            }
        }
        return true;
    }
}
