package dev.ironbox.kubernetes;

import dev.ironbox.core.model.RuntimeSettings;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import dev.ironbox.kubernetes.cluster.ClusterConnection;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import java.util.Set;

/**
 * Makes Kubernetes selectable by configuration ({@code kubernetes}); found by {@link java.util.ServiceLoader}. Never
 * picked by {@code auto}: a cluster is chosen on purpose. Loads no fabric8 class and connects to nothing until
 * {@link #create(RuntimeSettings)} or {@link #availability(RuntimeSettings)}.
 */
public final class KubernetesRuntimeProvider implements ContainerRuntimeProvider {

    /** Last in listings; {@code auto} never takes it anyway. */
    static final int PRIORITY = 10;

    @Override
    public String id() {
        return KubernetesRuntime.ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean chosenByAuto() {
        return false;
    }

    @Override
    public Set<String> settingNames() {
        return KubernetesSettings.KEYS;
    }

    @Override
    public ContainerRuntime create() {
        return create(RuntimeSettings.NONE);
    }

    @Override
    public ContainerRuntime create(RuntimeSettings settings) {
        return KubernetesRuntime.connect(settings);
    }

    /** With no cluster configured: unavailable, in one line, without loading the client. */
    @Override
    public Availability availability(RuntimeSettings settings) {
        ClusterConnection connection = new ClusterConnection();
        if (connection.configuredPlace().isEmpty()) {
            return new Availability(false, connection.notConfigured());
        }
        return ContainerRuntimeProvider.super.availability(settings);
    }
}
