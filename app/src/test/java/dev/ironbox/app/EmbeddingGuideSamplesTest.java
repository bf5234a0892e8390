package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.model.TransferProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java samples of the README's embedding guide, compiled here. Each sample sits between {@code // sample: NAME} and
 * {@code // end}; the test checks that every {@code java} block of the guide is one of them, character for character
 * (indentation aside), so the guide cannot drift from code that compiles. The samples need an engine and are not run
 * here: {@link StreamingAndCancelIT} and {@link SessionEmbeddingIT} run the same calls on Docker and Podman.
 */
class EmbeddingGuideSamplesTest {

    private static final Path GUIDE = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "dev", "ironbox", "app",
            "EmbeddingGuideSamplesTest.java");

    @Test
    void everyJavaBlockOfTheGuideIsASampleThatCompiles() throws IOException {
        List<String> blocks = blocks(guide(), Pattern.compile("(?s)```java\\n(.*?)```"));
        List<String> samples = blocks(Files.readString(SOURCE),
                Pattern.compile("(?s)\\n[ ]*// sample: [a-z-]+\\n(.*?)\\n[ ]*// end\\n"));

        assertThat(blocks).as("java blocks in the guide").hasSizeGreaterThanOrEqualTo(6);
        assertThat(samples).containsAll(blocks);
    }

    private static List<String> blocks(String text, Pattern pattern) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1).stripIndent().strip());
        }
        return found;
    }

    static void basics() throws InterruptedException {
        // sample: basics
        try (Ironbox ironbox = Ironbox.builder()
                .runtime("auto")                         // docker, podman, auto (default: env, config file, auto)
                .policy(SandboxPolicy.WORKSPACE_WRITE)   // readonly by default
                .workspace(Path.of("build/work"))        // mounted at /workspace; default: the current directory
                .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(30)).memoryBytes(512L << 20).build())
                .env("CI", "true")
                .build()) {                              // checks everything, connects once
            RunResult result = ironbox.run("sh", "-c", "make test");
            if (result.exitCode() != 0 || result.timedOut() || result.oomKilled()) {
                System.err.println(result.combinedOutput());
            }
        }
        // end
    }

    static void pool() throws InterruptedException {
        // sample: pool
        try (Ironbox ironbox = Ironbox.builder()
                .pool(4, Duration.ofMinutes(5))          // 4 warm sandboxes per key, each waiting at most 5 minutes
                .build()) {
            RunResult first = ironbox.run("true");      // cold: the pool warms up behind it
            RunResult next = ironbox.run("true");       // pooled once a warm sandbox is ready
            System.out.println(next.pooled() + " " + next.timings());
        }                                                // removes the warm ones, waits for every removal
        // end
    }

    static void streaming(Ironbox ironbox) throws InterruptedException {
        // sample: streaming
        RunResult result = ironbox.run(List.of("sh", "-c", "make"), chunk -> {
            PrintStream out = chunk.stream() == StreamType.STDOUT ? System.out : System.err;
            out.write(chunk.bytes(), 0, chunk.length());   // bytes: a chunk may end inside a UTF-8 character
        });
        // end
        System.out.println(result.exitCode());
    }

    static void cancel(Ironbox ironbox) throws InterruptedException {
        // sample: cancel
        RunHandle handle = ironbox.start("sh", "-c", "make test");
        try {
            RunResult result = handle.await(Duration.ofMinutes(1));
            System.out.println("exit " + result.exitCode());
        } catch (TimeoutException tooSlow) {
            handle.cancel();   // kills it, removes its container; returns once everything is gone
        }
        // end
    }

    static void future(Ironbox ironbox) {
        // sample: future
        ironbox.start(List.of("make"), chunk -> {})
                .result()
                .thenAccept(result -> System.out.println("exit " + result.exitCode()))
                .exceptionally(error -> {
                    // error: a CancellationException, or an IronboxException (wrapped in a CompletionException)
                    return null;
                });
        // end
    }

    static void session(Ironbox ironbox) throws InterruptedException {
        // sample: session
        try (IronboxSession session = ironbox.session(s -> s.idleTtl(Duration.ofMinutes(10)))) {
            CopyResult in = session.copyIn(Path.of("src"), "/tmp/work");       // the directory becomes /tmp/work/src
            session.exec("sh", "-c", "cd /tmp/work/src && make > /tmp/work/build.log 2>&1");
            RunResult log = session.exec("cat", "/tmp/work/build.log");    // files stay between commands

            SessionExecRequest quick = SessionExecRequest.copyOf(session.request(List.of("sleep", "30")))
                    .withLimits(ResourceLimits.builder().timeout(Duration.ofSeconds(2)).build());
            RunResult slow = session.exec(quick, chunk -> {});    // slow.timedOut(): killed; the session lives on

            session.copyOut("/tmp/work/build.log", Path.of("build"), 10L << 20);   // at most 10 MiB
        }                                                         // close(): the container is removed
        // end
    }

    static void images() throws InterruptedException {
        // sample: images
        try (Ironbox admin = Ironbox.builder().runtime("podman").build()) {
            String tools = admin.buildHostToolsImage("localhost/ironbox/host-tools:1", TransferProgress.NONE);
            String mine = admin.buildImage(Path.of("rootfs.tar.gz"), "localhost/acme/rootfs:1",
                    (bytes, total) -> System.err.printf("\r%d of %s bytes", bytes, total));
            for (ImageSummary image : admin.images()) {
                System.out.println(image.tags() + " " + image.sizeBytes());
            }
        }
        try (Ironbox withTools = Ironbox.builder().image("localhost/ironbox/host-tools:1").build()) {
            withTools.run("curl", "--version");   // the host's /usr, /bin, /lib* and CA certificates, read-only
        }
        // end
    }

    static void errors() {
        // sample: errors
        try (Ironbox ironbox = Ironbox.builder().workspace(Path.of("build/work")).build();
                IronboxSession session = ironbox.session()) {
            RunResult result = session.exec("make", "test");   // a non-zero exit, a timeout, an OOM kill: values
        } catch (InvalidConfigurationException | PolicyRefusedException badInput) {
            // a missing workspace, a bad image reference, a copy over its limit, full_access not allowed, ...
        } catch (EngineUnavailableException noEngine) {
            // the message names every place it looked, for every runtime tried
        } catch (ImageUnavailableException | ContainerFailureException engineFailed) {
            // the image could not be found or built; the engine failed to create, start or remove
        } catch (UnknownSessionException gone) {
            // the session was closed, or stopped after its idle TTL
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();   // the container was removed before this was thrown
        }
        // end
    }

    /** The family is sealed: these are all its members, so a catch of each above misses nothing. */
    @Test
    void theErrorSampleCatchesEveryIronboxException() {
        assertThat(IronboxException.class.getPermittedSubclasses()).extracting(Class::getSimpleName)
                .containsExactlyInAnyOrder("EngineUnavailableException", "ImageUnavailableException",
                        "ContainerFailureException", "InvalidConfigurationException", "PolicyRefusedException",
                        "UnknownSessionException");
    }

    /** The README's embedding guide: the part between its start and end markers. */
    private static String guide() throws java.io.IOException {
        String readme = Files.readString(GUIDE);
        int start = readme.indexOf("<!-- embedding-guide:start");
        int end = readme.indexOf("<!-- embedding-guide:end -->");
        assertThat(start).as("the guide's start marker in README.md").isNotNegative();
        assertThat(end).as("the guide's end marker in README.md").isGreaterThan(start);
        return readme.substring(start, end);
    }
}
