package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.port.out.ImagePort;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link ImagePort} on Docker: inspect, pull with a deadline, import a root filesystem tar. */
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
        ImageName name = name(image);
        if (name.digest()) {
            throw new ImageUnavailableException("cannot import image " + image + ": a digest names existing content; "
                    + "give a repository and tag");
        }
        importer.importRootfs(name.reference(), rootfsTar);
        List<String> tags = lookUp(image).map(InspectImageResponse::getRepoTags).orElse(List.of());
        if (tags == null || !(tags.contains(name.reference()) || tags.contains(name.familiar()))) {
            throw new ImageUnavailableException("importing image " + image + " did not create " + name.reference()
                    + " (the engine has tags " + tags + "); the archive may not be a root filesystem tar");
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
