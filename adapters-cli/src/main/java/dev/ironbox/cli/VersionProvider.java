package dev.ironbox.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into {@code version.properties} at build time. */
public final class VersionProvider implements IVersionProvider {

    /** The words that ask only for the version: picocli's standard {@code -V} and {@code --version}. */
    private static final List<String> VERSION_OPTIONS = List.of("--version", "-V");

    /**
     * Whether {@code args} ask for the version alone ({@code ironbox --version}): the executable then prints
     * {@link #printTo} without building the command line (picocli's model of every command, the composition root and
     * logging), which is most of its start.
     */
    public static boolean asksForVersionOnly(String[] args) {
        return args.length == 1 && VERSION_OPTIONS.contains(args[0]);
    }

    /** Prints what {@code ironbox --version} prints, with the JVM's properties filled in as picocli does. */
    public static void printTo(PrintStream out) {
        for (String line : new VersionProvider().getVersion()) {
            out.println(line.replace("${java.version}", System.getProperty("java.version"))
                    .replace("${java.vendor}", System.getProperty("java.vendor"))
                    .replace("${os.name}", System.getProperty("os.name"))
                    .replace("${os.arch}", System.getProperty("os.arch")));
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"ironbox " + version(), "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"};
    }

    /** Ironbox's version, as {@code ironbox --version} names it ({@code 0.1.0-SNAPSHOT}; {@code unknown}). */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
