package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.port.out.ImagePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link ImagePort} on Podman. Names are used exactly as given, for lookup, pull, import and create alike: Podman keeps
 * {@code localhost/ironbox/busybox:1} as written, and qualifies a short name such as {@code tool:1} to
 * {@code localhost/tool:1} on import, which its lookups then find under the short name too.
 */
final class PodmanImages implements ImagePort {

    private final LibpodClient client;
    private final Background background;

    PodmanImages(LibpodClient client, Background background) {
        this.client = client;
        this.background = background;
    }

    /** {@code GET images/{name}/exists}: 204 present, 404 absent. */
    @Override
    public boolean exists(String image) {
        Reply reply;
        try {
            reply = client.call(Method.GET, "/images/" + LibpodClient.path(image) + "/exists", null, true);
        } catch (LibpodException e) {
            throw Errors.image("cannot look up image " + image, e);
        }
        if (reply.status() == 404) {
            return false;
        }
        if (!reply.ok()) {
            throw Errors.image("cannot look up image " + image, reply.error());
        }
        return true;
    }

    /**
     * {@code POST images/pull}, reading its progress stream to the end. An {@code error} line in the stream fails the
     * pull; at the deadline the stream is closed, which makes Podman abandon the pull.
     */
    @Override
    public void pull(String image, Duration timeout) throws InterruptedException {
        AtomicReference<LibpodStream> open = new AtomicReference<>();
        Optional<Optional<String>> outcome;
        try {
            outcome = background.call(() -> readPull(image, open), timeout);
        } catch (ExecutionException e) {
            throw Errors.image("cannot pull image " + image, e.getCause());
        } finally {
            LibpodStream stream = open.get();
            if (stream != null) {
                stream.close();
            }
        }
        if (outcome.isEmpty()) {
            throw new ImageUnavailableException("pulling image " + image + " did not finish within " + timeout);
        }
        if (outcome.get().isPresent()) {
            throw new ImageUnavailableException("cannot pull image " + image + ": " + outcome.get().get());
        }
        if (!exists(image)) {
            throw new ImageUnavailableException("pulling image " + image + " ended, but the engine does not have it");
        }
    }

    /** @return the first error the stream reported, if any */
    private Optional<String> readPull(String image, AtomicReference<LibpodStream> open) throws IOException {
        try (LibpodStream stream = client.stream(Method.POST,
                "/images/pull?reference=" + LibpodClient.query(image), null)) {
            open.set(stream);
            if (Thread.currentThread().isInterrupted()) {
                return Optional.of("abandoned at the deadline"); // the caller gave up before the engine answered
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                Libpod.PullProgress progress = LibpodClient.JSON.readValue(line, Libpod.PullProgress.class);
                if (progress.error() != null && !progress.error().isBlank()) {
                    return Optional.of(progress.error().strip());
                }
            }
            return Optional.empty();
        }
    }

    /** {@code POST images/import?reference=...} with the tar as the body, then checks the image is there. */
    @Override
    public void importRootfs(String image, InputStream rootfsTar) {
        Reply reply;
        try {
            reply = client.upload("/images/import?reference=" + LibpodClient.query(image), rootfsTar,
                    "application/x-tar");
        } catch (LibpodException e) {
            throw Errors.image("cannot import image " + image, e);
        }
        if (!reply.ok()) {
            throw Errors.image("the engine refused the root filesystem for image " + image, reply.error());
        }
        if (!exists(image)) {
            throw new ImageUnavailableException("importing image " + image + " did not create it (the engine answered "
                    + Errors.shorten(reply.text().strip()) + ")");
        }
    }
}
