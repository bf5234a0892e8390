package dev.ironbox.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One setting's effective value and where it came from, as {@code ironbox config show} prints it.
 *
 * @param name the setting, as the config file names it ({@code run.timeout}, {@code runtime})
 * @param value its effective value, as a flag would take it
 * @param source {@code default}, {@code file <path>}, {@code environment IRONBOX_RUNTIME}, {@code flag --timeout}, or
 *     for settings that add up ({@code --env}) both: {@code file <path> + flag --env}
 */
record Setting(String name, String value, String source) {

    static final String DEFAULT = "default";

    Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    static String flag(String option) {
        return "flag " + option;
    }

    static String file(Object path) {
        return "file " + path;
    }

    /** {@code file A}, or {@code file A + file B} for a list both add to; {@code file ?} when none is known. */
    static String files(List<Path> paths) {
        return paths.isEmpty() ? file("?") : paths.stream().map(Setting::file).collect(Collectors.joining(" + "));
    }
}
