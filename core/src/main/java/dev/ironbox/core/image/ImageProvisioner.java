package dev.ironbox.core.image;

import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.out.ImagePort;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an image is present: it is there, or it can be pulled, or (the default image) Ironbox builds it.
 * Remembers each image it ensured, with its binds, so later runs skip the engine's image checks (two round trips per
 * run); a caller whose create then finds the image gone (removed meanwhile) {@linkplain #forget forgets} it and
 * ensures it again. Thread-safe.
 */
public final class ImageProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(ImageProvisioner.class);

    private final ImagePort images;
    private final SandboxSettings settings;
    /** The images ensured so far, by reference, with the binds they ask for. */
    private final Map<String, List<Mount>> ensured = new ConcurrentHashMap<>();

    public ImageProvisioner(ImagePort images, SandboxSettings settings) {
        this.images = images;
        this.settings = settings;
    }

    /**
     * Makes {@code image} present ({@link #ensure}) and returns the read-only binds it asks for: a host-tools image
     * ({@link HostTools#LABEL}) gets the host's toolchain directories; any other image none.
     */
    public List<Mount> ensureWithBinds(String image) throws InterruptedException {
        List<Mount> known = ensured.get(image);
        if (known != null) {
            return known;
        }
        ensure(image);
        List<Mount> binds = HostTools.binds(labels(image));
        ensured.put(image, binds);
        return binds;
    }

    /**
     * Forgets that {@code image} was ensured: the engine said it is missing (removed, or re-tagged to another image
     * whose labels may differ), so the next {@link #ensureWithBinds} checks, pulls or builds it again.
     */
    public void forget(String image) {
        ensured.remove(image);
    }

    /** The image's labels; none when this runtime cannot inspect images (a third party's that predates it). */
    private Map<String, String> labels(String image) {
        try {
            return images.inspect(image).map(summary -> summary.labels()).orElse(Map.of());
        } catch (ImageUnavailableException e) {
            LOG.debug("cannot inspect image {}; treating it as an image without host tools", image, e);
            return Map.of();
        }
    }

    void ensure(String image) throws InterruptedException {
        if (images.exists(image)) {
            return;
        }
        ImageUnavailableException pullFailure = null;
        if (settings.pullMissingImages()) {
            try {
                LOG.info("pulling image {}", image);
                images.pull(image, settings.pullTimeout());
                return;
            } catch (ImageUnavailableException e) {
                pullFailure = e;
            }
        }
        if (!image.equals(settings.defaultImage())) {
            String why = pullFailure == null ? "pulling is disabled" : "the pull failed: " + pullFailure.getMessage();
            throw new ImageUnavailableException("image " + image + " is not present locally and " + why
                    + " (build one on this runtime: ironbox image build --rootfs DIR|TAR --tag " + image
                    + ", or ironbox image host-tools --tag " + image + ")", pullFailure);
        }
        LOG.info("building the default image {} from the host's static busybox", image);
        try (InputStream tar = new ByteArrayInputStream(BusyboxRootfs.buildTar())) {
            images.importRootfs(image, tar);
        } catch (java.io.IOException e) {
            throw new ImageUnavailableException("cannot import the default image " + image, e);
        }
    }
}
