package dev.ironbox.cli;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the option values core has no parser for; every error names the option and the value. Sizes, durations
 * and policies go through core's own parsers.
 */
final class OptionValues {

    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?|\\.\\d+");
    private static final Pattern WHOLE = Pattern.compile("\\d{1,18}");

    private OptionValues() {}

    static SandboxPolicy policy(String text) {
        try {
            return SandboxPolicy.parse(text);
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException("invalid --policy: " + e.getMessage(), e);
        }
    }

    /** A positive decimal number of cores: {@code 1}, {@code 0.5}, {@code 2.25}. */
    static double cpus(String text) {
        String value = text.strip();
        if (DECIMAL.matcher(value).matches()) {
            double cpus = Double.parseDouble(value);
            if (cpus > 0 && Double.isFinite(cpus)) {
                return cpus;
            }
        }
        throw new InvalidConfigurationException(
                "invalid --cpus '" + text + "': expected a positive decimal number of cores (e.g. 1 or 0.5)");
    }

    /** A positive whole number. */
    static long pids(String text) {
        String value = text.strip();
        if (WHOLE.matcher(value).matches() && Long.parseLong(value) > 0) {
            return Long.parseLong(value);
        }
        throw new InvalidConfigurationException(
                "invalid --pids '" + text + "': expected a positive whole number (e.g. 512)");
    }

    /** {@code NAME=VALUE} pairs (the value may be empty or hold '='); a later NAME wins. */
    static Map<String, String> env(List<String> pairs) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfigurationException(
                        "invalid --env '" + pair + "': expected NAME=VALUE with a non-empty NAME");
            }
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return env;
    }

    /** An existing directory, resolved against {@code base} when relative. */
    static Path workspace(String text, Path base) {
        Path path;
        try {
            path = base.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("invalid --workspace '" + text + "': " + e.getMessage(), e);
        }
        if (!Files.exists(path)) {
            throw new InvalidConfigurationException("invalid --workspace '" + text + "': no such directory");
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidConfigurationException("invalid --workspace '" + text + "': not a directory");
        }
        return path;
    }

    /** An existing, readable regular file, resolved against {@code base} when relative; errors name {@code option}. */
    static Path readableFile(String option, String text, Path base) {
        Path path;
        try {
            path = base.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("invalid " + option + " '" + text + "': " + e.getMessage(), e);
        }
        if (!Files.exists(path)) {
            throw new InvalidConfigurationException("invalid " + option + " '" + text + "': no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidConfigurationException("invalid " + option + " '" + text + "': not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new InvalidConfigurationException("invalid " + option + " '" + text + "': not readable");
        }
        return path;
    }
}
