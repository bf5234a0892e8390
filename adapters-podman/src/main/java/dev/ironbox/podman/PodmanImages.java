package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.port.out.ImagePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
                    return Optional.of(Errors.bounded(progress.error().strip()));
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public void importRootfs(String image, InputStream rootfsTar) {
        importRootfs(image, rootfsTar, Map.of());
    }

    /**
     * {@code POST images/import?reference=...&changes=LABEL ...} with the tar as the body (see {@link ImageLabels}),
     * then inspects the image: it must be there with every label as given. An image whose labels did not land is
     * removed again and refused.
     */
    @Override
    public void importRootfs(String image, InputStream rootfsTar, Map<String, String> labels) {
        StringBuilder path = new StringBuilder("/images/import?reference=").append(LibpodClient.query(image));
        for (String change : ImageLabels.changes(image, labels)) {
            path.append("&changes=").append(LibpodClient.query(change));
        }
        Reply reply;
        try {
            reply = client.upload(path.toString(), rootfsTar, "application/x-tar");
        } catch (LibpodException e) {
            throw Errors.image("cannot import image " + image, e);
        }
        if (!reply.ok()) {
            throw Errors.image("the engine refused the root filesystem for image " + image, reply.error());
        }
        Optional<ImageSummary> imported = inspect(image);
        if (imported.isEmpty()) {
            throw new ImageUnavailableException("importing image " + image + " did not create it (the engine answered "
                    + Errors.shorten(reply.text().strip()) + ")");
        }
        Map<String, String> landed = imported.get().labels();
        List<String> lost = labels.entrySet().stream()
                .filter(label -> !label.getValue().equals(landed.get(label.getKey())))
                .map(Map.Entry::getKey).sorted().toList();
        if (!lost.isEmpty()) {
            ImageUnavailableException refused = new ImageUnavailableException("the engine did not give image " + image
                    + " labels " + lost + " as given (it has " + landed + "); the image was removed");
            try {
                remove(image);
            } catch (RuntimeException e) {
                refused.addSuppressed(e);
            }
            throw refused;
        }
    }

    /** {@code GET images/{name}/json}; 404 is absent. */
    @Override
    public Optional<ImageSummary> inspect(String image) {
        Reply reply = send(Method.GET, "/images/" + LibpodClient.path(image) + "/json", "inspect image " + image);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.ok()) {
            throw Errors.image("cannot inspect image " + image, reply.error());
        }
        return Optional.of(summary(json(reply, Libpod.Image.class, "inspect image " + image)));
    }

    /** {@code GET images/json}. */
    @Override
    public List<ImageSummary> list() {
        Reply reply = send(Method.GET, "/images/json", "list images");
        if (!reply.ok()) {
            throw Errors.image("cannot list images", reply.error());
        }
        Libpod.Image[] images = json(reply, Libpod.Image[].class, "list images");
        return Arrays.stream(images == null ? new Libpod.Image[0] : images).map(PodmanImages::summary).toList();
    }

    /**
     * {@code DELETE images/{name}} without force: a tag of an image with several is untagged, an image a container
     * uses is refused with the engine's reason, an absent one is fine.
     */
    @Override
    public void remove(String image) {
        Reply reply = send(Method.DELETE, "/images/" + LibpodClient.path(image), "remove image " + image);
        if (reply.status() == 404) {
            return;
        }
        if (!reply.ok()) {
            throw Errors.image("cannot remove image " + image, reply.error());
        }
        Libpod.ImageRemoval removal = json(reply, Libpod.ImageRemoval.class, "remove image " + image);
        if (removal.errors() != null && !removal.errors().isEmpty()) {
            throw new ImageUnavailableException("cannot remove image " + image + ": "
                    + String.join("; ", removal.errors()));
        }
    }

    static ImageSummary summary(Libpod.Image image) {
        String id = Objects.requireNonNullElse(image.id(), "");
        List<String> tags = Objects.requireNonNullElse(image.repoTags(), List.<String>of()).stream()
                .filter(tag -> !tag.startsWith("<none>")) // how Podman shows an untagged image
                .toList();
        return new ImageSummary(id.contains(":") ? id : "sha256:" + id, tags, Times.instant(image.created()),
                image.size(), Objects.requireNonNullElse(image.labels(), Map.of()));
    }

    /** An idempotent call (retried once when the connection breaks); no answer at all fails. */
    private Reply send(Method method, String path, String action) {
        try {
            return client.call(method, path, null, true);
        } catch (LibpodException e) {
            throw Errors.image("cannot " + action, e);
        }
    }

    private static <T> T json(Reply reply, Class<T> type, String action) {
        try {
            return reply.json(type);
        } catch (LibpodException e) {
            throw Errors.image("cannot " + action, e);
        }
    }
}
