package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.model.ContainerSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A spec's labels on a pod. Kubernetes label values are at most 63 characters of {@code [A-Za-z0-9_.-]} (a
 * workspace path or an owner's start time are not), so every spec label is an ANNOTATION, verbatim — the one place
 * the spec's labels are read back from ({@link #specLabels}) — and also a pod LABEL when its key and value are valid
 * label syntax, so that label selectors find {@code dev.ironbox.managed=true}, an owner or a session id.
 */
public final class PodLabels {

    /** Every spec label's key starts so (core's label constants); annotations others add to a pod do not. */
    static final String SPEC_PREFIX = "dev.ironbox.";
    /**
     * The label of a pod on an egress network: {@code PodNetworks}' NetworkPolicy selects the pods of network N by
     * {@code dev.ironbox.network=N}. A label only, not a spec label.
     */
    public static final String NETWORK = "dev.ironbox.network";
    /**
     * The label of a pod the engine would remove when it stops ({@code spec.autoRemove()}: sessions): Kubernetes keeps
     * a finished pod, so the reaper deletes the finished pods labelled {@code dev.ironbox.auto-remove=true}. A label
     * only, not a spec label.
     */
    public static final String AUTO_REMOVE = "dev.ironbox.auto-remove";
    /** The spec's network mode of a pod on no network. */
    static final String NO_NETWORK = "none";

    /** A label value, or the name part of a key: alphanumeric at both ends, {@code -_.} between, at most 63. */
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)");
    /** A key's optional prefix: a DNS-1123 subdomain. */
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
            + "[a-z0-9])?)*");
    private static final int PREFIX_LENGTH = 253;

    private PodLabels() {}

    /** Every spec label, verbatim. */
    static Map<String, String> annotations(ContainerSpec spec) {
        return new LinkedHashMap<>(spec.labels());
    }

    /**
     * The spec labels that are valid label syntax, {@link #NETWORK} when the pod is on a network, and
     * {@link #AUTO_REMOVE} when the spec asks its container removed once stopped.
     */
    static Map<String, String> labels(ContainerSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        spec.labels().forEach((key, value) -> {
            if (isLabel(key, value)) {
                labels.put(key, value);
            }
        });
        if (!NO_NETWORK.equals(spec.networkMode())) {
            labels.put(NETWORK, spec.networkMode());
        }
        if (spec.autoRemove()) {
            labels.put(AUTO_REMOVE, "true");
        }
        return labels;
    }

    /**
     * The labels of the spec a pod was made from, rebuilt from its annotations: those whose key is a spec label's
     * ({@code dev.ironbox.*}); what admission or others annotate the pod with is not the spec's.
     *
     * @param annotations the pod's {@code metadata.annotations}; may be {@code null} (none)
     */
    public static Map<String, String> specLabels(Map<String, String> annotations) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (annotations != null) {
            annotations.forEach((key, value) -> {
                if (key.startsWith(SPEC_PREFIX)) {
                    labels.put(key, value);
                }
            });
        }
        return labels;
    }

    /** The entries of {@code labels} that are valid label syntax (every one also goes to an annotation verbatim). */
    public static Map<String, String> validOnly(Map<String, String> labels) {
        Map<String, String> valid = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            if (isLabel(key, value)) {
                valid.put(key, value);
            }
        });
        return valid;
    }

    /** Whether {@code key=value} can be a label: a selector may then find pods by it. */
    public static boolean isLabel(String key, String value) {
        return isKey(key) && isValue(value);
    }

    /** A label value: empty, or a name. */
    public static boolean isValue(String value) {
        return value.isEmpty() || NAME.matcher(value).matches();
    }

    /** A label (and annotation) key: {@code [prefix/]name}. */
    public static boolean isKey(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return NAME.matcher(key).matches();
        }
        String prefix = key.substring(0, slash);
        return prefix.length() <= PREFIX_LENGTH && PREFIX.matcher(prefix).matches()
                && NAME.matcher(key.substring(slash + 1)).matches();
    }
}
