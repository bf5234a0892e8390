package dev.ironbox.kubernetes.exec;

import dev.ironbox.core.port.out.ImagePort;
import java.io.InputStream;
import java.time.Duration;

/** STUB of the foundation: replaced by the helper that owns it. */
public final class ClusterImages implements ImagePort {

    public ClusterImages(dev.ironbox.kubernetes.cluster.Cluster cluster) {}

    @Override
    public boolean exists(String image) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void pull(String image, Duration timeout) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void importRootfs(String image, InputStream rootfsTar) {
        throw new UnsupportedOperationException("not built yet");
    }
}
