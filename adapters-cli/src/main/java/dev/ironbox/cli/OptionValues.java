package dev.ironbox.cli;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.MessageText;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the option values core has no parser for; every error names the option and the value (cut short and
 * printable, whatever was given). Sizes, durations, policies and image references go through core's own parsers.
 * A number longer than any a limit takes is refused before it is matched.
 */
final class OptionValues {

    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?|\\.\\d+");
    private static final Pattern WHOLE = Pattern.compile("\\d{1,18}");

    /** No CPU or pids count needs more characters than this. */
    private static final int MAX_NUMBER_TEXT = 32;

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
        if (value.length() <= MAX_NUMBER_TEXT && DECIMAL.matcher(value).matches()) {
            double cpus = Double.parseDouble(value);
            if (cpus > 0 && Double.isFinite(cpus)) {
                return cpus;
            }
        }
        throw new InvalidConfigurationException(
                "invalid --cpus " + MessageText.quote(text) + ": expected a positive decimal number of cores "
                        + "(e.g. 1 or 0.5)");
    }

    /** A positive whole number. */
    static long pids(String text) {
        String value = text.strip();
        if (value.length() <= MAX_NUMBER_TEXT && WHOLE.matcher(value).matches() && Long.parseLong(value) > 0) {
            return Long.parseLong(value);
        }
        throw new InvalidConfigurationException(
                "invalid --pids " + MessageText.quote(text) + ": expected a positive whole number (e.g. 512)");
    }

    /** A whole number of warm sandboxes per key, within the bounds {@link PoolSettings} checks (0..64). */
    static int poolSize(String text) {
        String value = text.strip();
        if (value.length() > MAX_NUMBER_TEXT || !WHOLE.matcher(value).matches()) {
            throw invalid("--pool-size", text, "expected a whole number from 0 to 64 (0: no pool)");
        }
        try {
            return PoolSettings.builder().size((int) Math.min(Long.parseLong(value), Integer.MAX_VALUE)).build()
                    .size();
        } catch (InvalidConfigurationException e) {
            throw invalid("--pool-size", text, e.getMessage());
        }
    }

    /** {@code NAME=VALUE} pairs (the value may be empty or hold '='); a later NAME wins. */
    static Map<String, String> env(List<String> pairs) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfigurationException(
                        "invalid --env " + MessageText.quote(pair) + ": expected NAME=VALUE with a non-empty NAME");
            }
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return env;
    }

    /** A host path, resolved against {@code base} when relative; errors name {@code option}. */
    static Path path(String option, String text, Path base) {
        try {
            return base.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid(option, text, e.getReason());
        }
    }

    /** An existing directory, resolved against {@code base} when relative. */
    static Path workspace(String text, Path base) {
        Path path = path("--workspace", text, base);
        if (!Files.exists(path)) {
            throw invalid("--workspace", text, "no such directory");
        }
        if (!Files.isDirectory(path)) {
            throw invalid("--workspace", text, "not a directory");
        }
        return path;
    }

    /** An existing, readable regular file, resolved against {@code base} when relative; errors name {@code option}. */
    static Path readableFile(String option, String text, Path base) {
        Path path = path(option, text, base);
        if (!Files.exists(path)) {
            throw invalid(option, text, "no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw invalid(option, text, "not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw invalid(option, text, "not readable");
        }
        return path;
    }

    /** {@code invalid --option 'value': why}, the value cut short and printable. */
    static InvalidConfigurationException invalid(String option, String text, String why) {
        return new InvalidConfigurationException("invalid " + option + " " + MessageText.quote(text) + ": " + why);
    }
}
