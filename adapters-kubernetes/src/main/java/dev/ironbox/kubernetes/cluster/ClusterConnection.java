package dev.ironbox.kubernetes.cluster;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the cluster the way the fabric8 client (and {@code kubectl}) does: {@code KUBECONFIG}, then
 * {@code ~/.kube/config}, then the in-cluster service account. Refuses, in one line, when none of them is there: the
 * client would otherwise try {@code https://kubernetes.default.svc} and fail much later, less clearly.
 */
public final class ClusterConnection {

    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");
    /** The namespace of a kubeconfig context without one, as kubectl takes it. */
    static final String DEFAULT_NAMESPACE = "default";
    /** Retries of a request that failed to reach the API server. */
    static final int RETRIES = 2;

    private final Map<String, String> environment;
    private final Path home;

    public ClusterConnection() {
        this(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    ClusterConnection(Map<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    /**
     * Where a cluster is configured, or empty when nowhere ({@code KUBECONFIG=...}, {@code ~/.kube/config},
     * {@code in-cluster service account}). Reads files' existence only; connects to nothing.
     */
    public Optional<String> configuredPlace() {
        String kubeconfig = environment.get("KUBECONFIG");
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            return Optional.of("KUBECONFIG=" + kubeconfig);
        }
        Path config = home.resolve(".kube").resolve("config");
        if (Files.isRegularFile(config)) {
            return Optional.of(config.toString());
        }
        if (inCluster()) {
            return Optional.of("the in-cluster service account");
        }
        return Optional.empty();
    }

    /** Whether this process runs in a pod: the service-account token is mounted and the API server is announced. */
    public boolean inCluster() {
        return environment.containsKey("KUBERNETES_SERVICE_HOST") && Files.isRegularFile(SERVICE_ACCOUNT_TOKEN);
    }

    /** One line saying that no cluster is configured, and where Ironbox looked. */
    public String notConfigured() {
        List<String> looked = new ArrayList<>();
        looked.add("KUBECONFIG is unset");
        looked.add(home.resolve(".kube").resolve("config") + " does not exist");
        looked.add("not inside a cluster (no service-account token)");
        return "no Kubernetes cluster is configured: " + String.join(", ", looked);
    }

    /**
     * The client falls back to the kubeconfig's current context when the one asked for is not there: a typo would send
     * the sandboxes, and the workspace copied into them, to another cluster. So a named context must exist.
     */
    static void requireContext(Config config, String context, String place) {
        boolean known = config.getContexts() != null && config.getContexts().stream()
                .anyMatch(named -> context.equals(named.getName()));
        boolean current = config.getCurrentContext() != null && context.equals(config.getCurrentContext().getName());
        if (!known || !current) {
            List<String> names = config.getContexts() == null ? List.of()
                    : config.getContexts().stream().map(named -> named.getName()).sorted().toList();
            throw new InvalidConfigurationException("kubernetes.context '" + context + "' is not a context of "
                    + place + (names.isEmpty() ? " (it has none)" : "; its contexts: " + String.join(", ", names)));
        }
    }

    /**
     * Connects with {@code settings}' context and namespace, on OkHttp. Connects lazily: the first
     * request reaches the API server.
     *
     * @throws EngineUnavailableException when no cluster is configured, or the kubeconfig cannot be read
     */
    public Cluster connect(KubernetesSettings settings) {
        Optional<String> place = configuredPlace();
        if (place.isEmpty()) {
            throw new EngineUnavailableException(notConfigured());
        }
        try {
            Config config = Config.autoConfigure(settings.context().orElse(null));
            settings.context().ifPresent(context -> requireContext(config, context, place.get()));
            settings.namespace().ifPresent(config::setNamespace);
            // fabric8 retries a failed request 10 times with a doubling backoff (20 s against a refused port): a
            // sandbox request answers in one line at once instead; two retries still ride over a blip
            config.setRequestRetryBackoffLimit(RETRIES);
            String namespace = config.getNamespace() == null ? DEFAULT_NAMESPACE : config.getNamespace();
            KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                    .withHttpClientFactory(new OkHttpClientFactory()).build();
            return new Cluster(client, namespace, settings, inCluster());
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new EngineUnavailableException("cannot read the Kubernetes configuration (" + place.get() + "): "
                    + e.getMessage(), e);
        }
    }
}
