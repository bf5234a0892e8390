package dev.ironbox.kubernetes;

import dev.ironbox.core.port.out.ContainerRuntime;
import java.util.Optional;

/**
 * The cluster the {@code Kubernetes*IT} contract tests run on ({@code mvn verify -Pkubernetes-it}): the kubeconfig's
 * (or the in-cluster service account's), with the settings below from a system property, else the environment. The
 * contracts run Ironbox's default image ({@code localhost/ironbox/busybox:1}): it must be loaded into the cluster's
 * nodes first (README, "Kubernetes"). With no cluster, or one that does not answer, {@link #connect()} throws: every
 * test fails, none is skipped.
 * <ul>
 * <li>{@code ironbox.k8s.namespace} / {@code IRONBOX_K8S_NAMESPACE}: where the pods go (default: the context's);</li>
 * <li>{@code ironbox.k8s.context} / {@code IRONBOX_K8S_CONTEXT}: the kubeconfig context (default: its current one);</li>
 * <li>{@code ironbox.k8s.runtime-class} / {@code IRONBOX_K8S_RUNTIME_CLASS}: e.g. {@code gvisor};</li>
 * <li>{@code ironbox.k8s.image-pull-policy} / {@code IRONBOX_K8S_IMAGE_PULL_POLICY}: {@code Never} for an image
 *     loaded with {@code kind load} (default: the cluster's, {@code IfNotPresent} for a tag that is not latest).</li>
 * </ul>
 */
final class KubernetesTestCluster {

    private KubernetesTestCluster() {}

    /** Connects and probes once, so a cluster that does not answer fails the class here, naming why. */
    static ContainerRuntime connect() {
        KubernetesOptions.Builder options = KubernetesOptions.builder();
        setting("namespace").ifPresent(options::namespace);
        setting("context").ifPresent(options::context);
        setting("runtime-class").ifPresent(options::runtimeClass);
        setting("image-pull-policy").ifPresent(options::imagePullPolicy);
        KubernetesRuntime runtime = KubernetesRuntime.connect(options.build().settings());
        try {
            runtime.engine().probe();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** {@code ironbox.k8s.NAME}, else {@code IRONBOX_K8S_NAME} (upper case, '-' as '_'), when set and not blank. */
    private static Optional<String> setting(String name) {
        String value = System.getProperty("ironbox.k8s." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv("IRONBOX_K8S_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
