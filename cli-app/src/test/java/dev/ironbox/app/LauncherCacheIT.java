package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ironbox} launcher's class cache (a class-data archive before JDK 24, an AOT cache from 24 on): the
 * first run writes it, the next ones use it as it is, a rebuilt jar gets a new one, a cache the JVM rejects still
 * runs the command, concurrent first runs all succeed and leave one cache and no temporary file, and
 * {@code --version} writes none. The launcher runs in a copy of the clone's layout (the script and the jar), so no
 * build starts and the clone's own cache is left alone. Files and exit codes only: its speed is
 * {@code scripts/bench-cli.sh}'s.
 */
class LauncherCacheIT {

    private static final Path JAR = Path.of(System.getProperty("ironbox.jar", "target/ironbox.jar"))
            .toAbsolutePath();
    private static final Path SCRIPT = JAR.getParent().getParent().getParent().resolve("ironbox");

    @TempDir
    Path clone;

    @Test
    void theJvmRunningTheTestsGetsAClassDataArchiveOrAnAotCache() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        cachesAcrossRuns(java, Runtime.version().feature() >= 24 ? ".aot" : ".jsa");
    }

    @Test
    void aJdk24OrLaterGetsAnAotCache() throws Exception {
        Optional<Path> java = installedJdk24OrLater();
        // CI's machines carry a Temurin 25 beside the default JDK: there its absence is a failure, elsewhere a skip
        if ("true".equals(System.getenv("CI"))) {
            assertThat(java).as("a JDK 24 or later under /usr/lib/jvm (CI=true)").isPresent();
        }
        assumeTrue(java.isPresent(), "no JDK 24 or later under /usr/lib/jvm");
        cachesAcrossRuns(java.get(), ".aot");
    }

    private void cachesAcrossRuns(Path java, String suffix) throws Exception {
        Path target = Files.createDirectories(clone.resolve("cli-app").resolve("target"));
        Files.copy(SCRIPT, clone.resolve("ironbox"), StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = Files.copy(JAR, target.resolve("ironbox.jar"));

        Run version = launch(java, "--version");
        assertThat(version.code).as(version.err).isZero();
        assertThat(version.out).startsWith("ironbox ");
        assertThat(files(target)).as("--version trains nothing").containsExactly(jar);

        Run first = launch(java, "--help");
        assertThat(first.code).as(first.err).isZero();
        assertThat(first.out).contains("Usage: ironbox", "Commands:");
        Path cache = onlyCache(target, suffix);
        FileTime written = Files.getLastModifiedTime(cache);

        Run second = launch(java, "--help");
        assertThat(second.code).as(second.err).isZero();
        assertThat(second.out).as("no JVM note on stdout").isEqualTo(first.out);
        assertThat(onlyCache(target, suffix)).isEqualTo(cache);
        assertThat(Files.getLastModifiedTime(cache)).as("used, not written again").isEqualTo(written);

        // a rebuild: the jar is newer than the cache
        olderThan(jar, cache);
        Run rebuilt = launch(java, "--help");
        assertThat(rebuilt.code).as(rebuilt.err).isZero();
        assertThat(onlyCache(target, suffix)).isEqualTo(cache);
        assertThat(Files.getLastModifiedTime(cache)).isGreaterThan(Files.getLastModifiedTime(jar));

        // a cache the JVM cannot use (newer than the jar, so the launcher passes it on): the command still runs
        Files.writeString(cache, "not a class cache");
        assertThat(Files.getLastModifiedTime(cache)).isGreaterThan(Files.getLastModifiedTime(jar));
        Run rejected = launch(java, "--help");
        assertThat(rejected.code).as(rejected.err).isZero();
        assertThat(rejected.out).isEqualTo(first.out);

        // concurrent first runs after a rebuild: each succeeds, one cache stays, no temporary file
        olderThan(jar, cache);
        List<Process> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(builder(java, "--help").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process start : starts) {
            assertThat(start.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(start.exitValue()).isZero();
        }
        Path replaced = onlyCache(target, suffix);
        assertThat(Files.getLastModifiedTime(replaced)).isGreaterThan(Files.getLastModifiedTime(jar));
        assertThat(Files.size(replaced)).isGreaterThan("not a class cache".length());
    }

    /** Dates {@code cache} before {@code jar}, as a rebuild of the jar would. */
    private static void olderThan(Path jar, Path cache) throws IOException {
        Files.setLastModifiedTime(cache, FileTime.from(Files.getLastModifiedTime(jar).toInstant().minusSeconds(60)));
    }

    /** The one cache file beside the jar; nothing else but the jar (no temporary file). */
    private static Path onlyCache(Path target, String suffix) throws IOException {
        List<Path> files = files(target);
        assertThat(files).hasSize(2);
        Path cache = files.stream().filter(file -> !file.getFileName().toString().equals("ironbox.jar")).findFirst()
                .orElseThrow();
        assertThat(cache.getFileName().toString()).startsWith("ironbox-").endsWith(suffix);
        assertThat(Files.size(cache)).isPositive();
        return cache;
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    private ProcessBuilder builder(Path java, String... args) {
        List<String> argv = new ArrayList<>(List.of(clone.resolve("ironbox").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(clone.toFile());
        builder.environment().put("IRONBOX_JAVA", java.toString());
        builder.environment().remove("IRONBOX_JAVA_OPTS");
        return builder;
    }

    private Run launch(Path java, String... args) throws Exception {
        Path out = clone.resolve("out.txt");
        Path err = clone.resolve("err.txt");
        Process process = builder(java, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Run(int code, String out, String err) {}

    /** A JDK 24 or later installed beside the one running the tests, by its release file. */
    private static Optional<Path> installedJdk24OrLater() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> feature(home.resolve("release")) >= 24)
                    .sorted(Comparator.reverseOrder())
                    .map(home -> home.resolve("bin").resolve("java"))
                    .filter(Files::isExecutable)
                    .findFirst();
        }
    }

    private static int feature(Path release) {
        try {
            return Files.readAllLines(release).stream().filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", "").split("\\.")[0])
                    .mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
