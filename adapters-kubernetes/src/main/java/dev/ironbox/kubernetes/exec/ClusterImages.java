package dev.ironbox.kubernetes.exec;

import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.port.out.ImagePort;
import dev.ironbox.kubernetes.cluster.Cluster;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Images on Kubernetes: there is no local image store to look at. Each node's kubelet pulls the pod's image from the
 * cluster's registries, so an image "exists" as far as Ironbox can tell, a pull is the kubelet's, and a missing image
 * shows up when the pod starts (ErrImagePull / ImagePullBackOff, which the pod lifecycle reports). Building or
 * importing an image, listing and removing are refused with one line saying where images come from instead.
 *
 * <p>With these answers core's {@code ImageProvisioner} never builds the default busybox image here: {@link #exists}
 * is true, so it neither pulls nor imports, and {@link #inspect} refuses, which it reads as "no labels" (so no
 * host-tools binds).
 */
public final class ClusterImages implements ImagePort {

    /** The refusal of everything that needs a local image store. */
    static final String NOT_ON_KUBERNETES = "image build and host-tools images are not available on Kubernetes: "
            + "images come from the cluster's registries (push the image, or load it into kind/k3s/minikube)";

    public ClusterImages(Cluster cluster) {
        // nothing to keep: no call of this port reaches the API server
    }

    /** Always true: only the kubelet that runs the pod can tell, at start. */
    @Override
    public boolean exists(String image) {
        return true;
    }

    /** Nothing to do: the kubelet pulls (per the pod's imagePullPolicy). */
    @Override
    public void pull(String image, Duration timeout) {
        // the cluster pulls
    }

    @Override
    public void importRootfs(String image, InputStream rootfsTar) {
        throw new ImageUnavailableException(NOT_ON_KUBERNETES);
    }

    @Override
    public void importRootfs(String image, InputStream rootfsTar, Map<String, String> labels) {
        throw new ImageUnavailableException(NOT_ON_KUBERNETES);
    }

    /** Refused: a registry image's labels are not read (so no image gets host-tools binds on Kubernetes). */
    @Override
    public Optional<ImageSummary> inspect(String image) {
        throw new ImageUnavailableException(NOT_ON_KUBERNETES);
    }

    @Override
    public List<ImageSummary> list() {
        throw new ImageUnavailableException(NOT_ON_KUBERNETES);
    }

    @Override
    public void remove(String image) {
        throw new ImageUnavailableException(NOT_ON_KUBERNETES);
    }
}
