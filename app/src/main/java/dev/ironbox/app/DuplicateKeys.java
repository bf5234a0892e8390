package dev.ironbox.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the first key a TOML file sets twice, with its line, because the parser reports a duplicate at the end of
 * the file without naming it; and the line a key is set on, which the parsed tree no longer knows. Understands the simple shapes Ironbox's config uses: {@code key = value} lines under
 * optional {@code [table]} headers.
 */
final class DuplicateKeys {

    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*([A-Za-z0-9_.-]+)\\s*]\\s*(#.*)?$");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_.-]+|\"[^\"]*\")\\s*=");

    private DuplicateKeys() {}

    /**
     * e.g. {@code line 3: key 'runtime' is set twice}; empty when none is found. Given the lines of the bytes that were
     * parsed, not the file again, which may have changed since.
     */
    static Optional<String> describe(List<String> lines) {
        Set<String> seen = new HashSet<>();
        for (KeyLine key : keys(lines)) {
            if (!seen.add(key.name())) {
                return Optional.of("line " + key.line() + ": key '" + key.name() + "' is set twice");
            }
        }
        return Optional.empty();
    }

    /**
     * The line (from 1) that sets {@code name} ({@code pool.size}: under {@code [pool]}, or dotted), given the lines
     * of the bytes that were parsed; empty when it is set in another shape (an inline table).
     */
    static OptionalInt line(List<String> lines, String name) {
        return keys(lines).stream().filter(key -> key.name().equals(name)).mapToInt(KeyLine::line).findFirst();
    }

    /** A key as written on a line (from 1), with its table's name before it: {@code pool.size}. */
    private record KeyLine(int line, String name) {}

    /** Every key the lines set, in order, each named with its table. */
    private static List<KeyLine> keys(List<String> lines) {
        List<KeyLine> keys = new ArrayList<>();
        String table = "";
        for (int i = 0; i < lines.size(); i++) {
            Matcher header = TABLE.matcher(lines.get(i));
            if (header.matches()) {
                table = header.group(1) + ".";
                continue;
            }
            Matcher key = KEY.matcher(lines.get(i));
            if (key.find()) {
                keys.add(new KeyLine(i + 1, table + key.group(1).replace("\"", "")));
            }
        }
        return keys;
    }
}
