package dev.ironbox.core.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads this process's mount table ({@code /proc/self/mountinfo}): the mount points below a directory. */
final class MountTable {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountTable() {}

    /** Mount points strictly below {@code directory}; empty when the table cannot be read (not Linux). */
    static List<Path> mountPointsBelow(Path directory) {
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNTINFO);
        } catch (IOException e) {
            return List.of();
        }
        return below(directory, lines);
    }

    static List<Path> below(Path directory, List<String> mountinfoLines) {
        List<Path> found = new ArrayList<>();
        for (String line : mountinfoLines) {
            String[] fields = line.split(" ");
            if (fields.length < 5) {
                continue;
            }
            Path mountPoint = Path.of(unescape(fields[4]));
            if (mountPoint.startsWith(directory) && !mountPoint.equals(directory)) {
                found.add(mountPoint);
            }
        }
        return found;
    }

    /** mountinfo escapes space, tab, newline and backslash as three octal digits. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()
                    && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
