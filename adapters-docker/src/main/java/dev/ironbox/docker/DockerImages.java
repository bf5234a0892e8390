package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.port.out.ImagePort;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ImagePort} on Docker: inspect, list, remove, pull with a deadline and progress, import a root filesystem tar.
 */
final class DockerImages implements ImagePort {

    private final DockerClient client;
    private final DockerImport importer;

    DockerImages(DockerClient client, DockerImport importer) {
        this.client = client;
        this.importer = importer;
    }

    @Override
    public boolean exists(String image) {
        return lookUp(image).isPresent();
    }

    @Override
    public void pull(String image, Duration timeout) throws InterruptedException {
        ImageName name = name(image);
        try (PullCallback callback = new PullCallback()) {
            try {
                client.pullImageCmd(name.repository()).withTag(name.tag()).exec(callback);
            } catch (RuntimeException e) {
                throw DockerErrors.image("cannot pull image " + image, e);
            }
            if (!callback.await(timeout)) {
                throw new ImageUnavailableException("pulling image " + image + " did not finish within " + timeout);
            }
            Optional<Throwable> failure = callback.failure();
            if (failure.isPresent()) {
                throw DockerErrors.image("cannot pull image " + image, failure.get());
            }
            if (callback.error != null) {
                throw new ImageUnavailableException("cannot pull image " + image + ": " + callback.error);
            }
        }
        if (!exists(image)) {
            throw new ImageUnavailableException("pulling image " + image + " ended, but the engine does not have it");
        }
    }

    @Override
    public void importRootfs(String image, InputStream rootfsTar) {
        importRootfs(image, rootfsTar, Map.of());
    }

    /** The labels travel as {@code LABEL} changes of the import; an inspect then checks that each one landed. */
    @Override
    public void importRootfs(String image, InputStream rootfsTar, Map<String, String> labels) {
        ImageName name = name(image);
        if (name.digest()) {
            throw new ImageUnavailableException("cannot import image " + image + ": a digest names existing content; "
                    + "give a repository and tag");
        }
        List<String> changes;
        try {
            changes = ImageLabels.changes(labels);
        } catch (IllegalArgumentException e) {
            throw new ImageUnavailableException("cannot import image " + image + ": " + e.getMessage(), e);
        }
        importer.importRootfs(name.reference(), rootfsTar, changes);
        Optional<InspectImageResponse> imported = lookUp(image);
        List<String> tags = imported.map(InspectImageResponse::getRepoTags).orElse(List.of());
        if (tags == null || !(tags.contains(name.reference()) || tags.contains(name.familiar()))) {
            throw new ImageUnavailableException("importing image " + image + " did not create " + name.reference()
                    + " (the engine has tags " + tags + "); the archive may not be a root filesystem tar");
        }
        Map<String, String> landed = ImageSummaries.of(imported.get()).labels();
        if (!landed.entrySet().containsAll(labels.entrySet())) {
            remove(image); // an image without the labels asked for must not pass for one with them
            throw new ImageUnavailableException("importing image " + image + " did not give it the labels " + labels
                    + " (it has " + landed + ")");
        }
    }

    @Override
    public Optional<ImageSummary> inspect(String image) {
        return lookUp(image).map(ImageSummaries::of);
    }

    @Override
    public List<ImageSummary> list() {
        try {
            return client.listImagesCmd().exec().stream().map(ImageSummaries::of).toList();
        } catch (RuntimeException e) {
            throw DockerErrors.image("cannot list images", e);
        }
    }

    @Override
    public void remove(String image) {
        try {
            client.removeImageCmd(image).withForce(false).exec();
        } catch (RuntimeException e) {
            if (!DockerErrors.isNotFound(e)) {
                // 409 "image is being used by ..." and the like: the engine's reason, verbatim
                throw DockerErrors.image("cannot remove image " + image, e);
            }
        }
    }

    private Optional<InspectImageResponse> lookUp(String image) {
        try {
            return Optional.of(client.inspectImageCmd(image).exec());
        } catch (RuntimeException e) {
            if (DockerErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw DockerErrors.image("cannot look up image " + image, e);
        }
    }

    private static ImageName name(String image) {
        try {
            return ImageName.parse(image);
        } catch (IllegalArgumentException e) {
            throw new ImageUnavailableException("invalid image name '" + image + "'", e);
        }
    }

    /** Remembers the first error the engine reported inside the pull's progress stream. */
    private static final class PullCallback extends StreamCallback<PullResponseItem> {

        private volatile String error;

        @Override
        public void onNext(PullResponseItem item) {
            if (error == null && item.getErrorDetail() != null) {
                error = String.valueOf(item.getErrorDetail().getMessage());
            }
        }
    }
}
