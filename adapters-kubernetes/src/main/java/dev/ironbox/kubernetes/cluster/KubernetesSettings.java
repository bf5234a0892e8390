package dev.ironbox.kubernetes.cluster;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.Durations;
import dev.ironbox.core.model.RuntimeSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Kubernetes runtime's own settings: the config file's {@code [kubernetes]} table, or
 * {@code KubernetesOptions} in code.
 *
 * @param context the kubeconfig context; empty: the kubeconfig's current one
 * @param namespace where pods, policies and Leases go; empty: the context's namespace, else {@code default}
 * @param runtimeClass the pods' {@code runtimeClassName} (gVisor, Kata); empty: the cluster's default runtime
 * @param scheduleTimeout how long a pod may take to be scheduled and pull its image before the run fails (exit 125);
 *     counted before the command's own timeout, which starts when the command does
 * @param imagePullPolicy {@code Always}, {@code IfNotPresent} or {@code Never}; empty: the cluster's default
 * @param ephemeralStorage each pod's ephemeral-storage request and limit (the workspace copy counts against it)
 */
public record KubernetesSettings(Optional<String> context, Optional<String> namespace, Optional<String> runtimeClass,
        Duration scheduleTimeout, Optional<String> imagePullPolicy, long ephemeralStorage) {

    public static final String CONTEXT = "context";
    public static final String NAMESPACE = "namespace";
    public static final String RUNTIME_CLASS = "runtime-class";
    public static final String SCHEDULE_TIMEOUT = "schedule-timeout";
    public static final String IMAGE_PULL_POLICY = "image-pull-policy";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";

    /** Every key the {@code [kubernetes]} table takes. */
    public static final Set<String> KEYS = Set.of(CONTEXT, NAMESPACE, RUNTIME_CLASS, SCHEDULE_TIMEOUT,
            IMAGE_PULL_POLICY, EPHEMERAL_STORAGE);

    public static final Duration DEFAULT_SCHEDULE_TIMEOUT = Duration.ofMinutes(2);
    public static final long DEFAULT_EPHEMERAL_STORAGE = 1L << 30;

    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    /** A DNS-1123 label: namespaces, runtime classes and templates are named so. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public static final KubernetesSettings DEFAULTS = new KubernetesSettings(Optional.empty(), Optional.empty(),
            Optional.empty(), DEFAULT_SCHEDULE_TIMEOUT, Optional.empty(), DEFAULT_EPHEMERAL_STORAGE);

    /**
     * Parses and checks {@code settings}.
     *
     * @throws InvalidConfigurationException naming the key (and where it was set) for an unknown key or a bad value
     */
    public static KubernetesSettings parse(RuntimeSettings settings) {
        settings.requireKnown("kubernetes", KEYS);
        return new KubernetesSettings(
                settings.value(CONTEXT).map(value -> nonBlank(settings, CONTEXT, value)),
                settings.value(NAMESPACE).map(value -> dnsLabel(settings, NAMESPACE, value)),
                settings.value(RUNTIME_CLASS).map(value -> dnsLabel(settings, RUNTIME_CLASS, value)),
                settings.value(SCHEDULE_TIMEOUT).map(value -> duration(settings, value))
                        .orElse(DEFAULT_SCHEDULE_TIMEOUT),
                settings.value(IMAGE_PULL_POLICY).map(value -> pullPolicy(settings, value)),
                settings.value(EPHEMERAL_STORAGE).map(value -> bytes(settings, value))
                        .orElse(DEFAULT_EPHEMERAL_STORAGE));
    }

    private static String nonBlank(RuntimeSettings settings, String key, String value) {
        if (value.isBlank()) {
            throw invalid(settings, key, "is empty");
        }
        return value;
    }

    private static String dnsLabel(RuntimeSettings settings, String key, String value) {
        if (!DNS_LABEL.matcher(value).matches()) {
            throw invalid(settings, key, "'" + value + "' is not a Kubernetes name (lowercase letters, digits and"
                    + " '-', at most 63)");
        }
        return value;
    }

    private static Duration duration(RuntimeSettings settings, String value) {
        try {
            return Durations.parsePositive("kubernetes." + SCHEDULE_TIMEOUT, value);
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(e.getMessage() + settings.sourceOf(SCHEDULE_TIMEOUT), e);
        }
    }

    private static long bytes(RuntimeSettings settings, String value) {
        try {
            return ByteSize.parse("kubernetes." + EPHEMERAL_STORAGE, value).bytes();
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(e.getMessage() + settings.sourceOf(EPHEMERAL_STORAGE), e);
        }
    }

    private static String pullPolicy(RuntimeSettings settings, String value) {
        if (!PULL_POLICIES.contains(value)) {
            throw invalid(settings, IMAGE_PULL_POLICY, "'" + value + "' is none of " + String.join(", ",
                    PULL_POLICIES));
        }
        return value;
    }

    private static InvalidConfigurationException invalid(RuntimeSettings settings, String key, String problem) {
        return new InvalidConfigurationException("kubernetes." + key + settings.sourceOf(key) + ": " + problem);
    }
}
