package dev.ironbox.kubernetes;

import dev.ironbox.core.model.RuntimeSettings;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kubernetes runtime's settings in code, the typed twin of the config file's {@code [kubernetes]} table:
 * {@code Ironbox.builder().runtime("kubernetes").runtimeSettings(KubernetesOptions.builder().namespace("sandboxes")
 * .build().settings())}. Values are checked when the runtime connects.
 */
public final class KubernetesOptions {

    private final Map<String, String> values;

    private KubernetesOptions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings, as the builder and the config file pass them to the runtime. */
    public RuntimeSettings settings() {
        return RuntimeSettings.of(values);
    }

    /** Builds {@link KubernetesOptions}; every setting is optional. */
    public static final class Builder {

        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder() {}

        /** The kubeconfig context; default: its current one. */
        public Builder context(String context) {
            values.put(KubernetesSettings.CONTEXT, context);
            return this;
        }

        /** Where pods, policies and Leases go; default: the context's namespace, else {@code default}. */
        public Builder namespace(String namespace) {
            values.put(KubernetesSettings.NAMESPACE, namespace);
            return this;
        }

        /** The pods' runtime class ({@code gvisor}, {@code kata}); default: the cluster's. */
        public Builder runtimeClass(String runtimeClass) {
            values.put(KubernetesSettings.RUNTIME_CLASS, runtimeClass);
            return this;
        }

        /** How long scheduling and the image pull may take before the run fails; default 2 minutes. */
        public Builder scheduleTimeout(Duration timeout) {
            values.put(KubernetesSettings.SCHEDULE_TIMEOUT, timeout.toMillis() + "ms");
            return this;
        }

        /** {@code Always}, {@code IfNotPresent} or {@code Never}; default: the cluster's. */
        public Builder imagePullPolicy(String policy) {
            values.put(KubernetesSettings.IMAGE_PULL_POLICY, policy);
            return this;
        }

        /** Each pod's ephemeral-storage limit in bytes; default 1 GiB. */
        public Builder ephemeralStorage(long bytes) {
            values.put(KubernetesSettings.EPHEMERAL_STORAGE, Long.toString(bytes));
            return this;
        }

        public KubernetesOptions build() {
            return new KubernetesOptions(values);
        }
    }
}
