package dev.ironbox.core.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether a symbolic link stays inside a tree. Lexical normalisation alone is not enough: in
 * {@code a/up -> ..} plus {@code a/x -> up/../..}, {@code x} looks like it stays in the tree but really leaves it.
 * So the target is followed through what exists on disk (each step's real path), and only the part that does not
 * exist yet is judged lexically.
 */
final class LinkCheck {

    private LinkCheck() {}

    /**
     * @param link the link's path, inside {@code root}
     * @param target the link's target as stored in it
     * @param root the tree's top, an existing directory or file
     * @return whether following {@code link} stays within {@code root}
     */
    static boolean staysInside(Path link, String target, Path root) throws IOException {
        if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            return false;
        }
        Path top = root.toAbsolutePath().normalize();
        Path parent = link.toAbsolutePath().normalize().getParent();
        if (!parent.resolve(target).normalize().startsWith(top)) {
            return false;
        }
        Path realTop = top.toRealPath();
        Path current = parent.toRealPath();
        Path rest = Path.of(target);
        for (int i = 0; i < rest.getNameCount(); i++) {
            Path next = current.resolve(rest.getName(i));
            if (!Files.exists(next)) {
                // From here on nothing exists to follow; judge the remainder lexically.
                return current.resolve(rest.subpath(i, rest.getNameCount())).normalize().startsWith(realTop);
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
}
