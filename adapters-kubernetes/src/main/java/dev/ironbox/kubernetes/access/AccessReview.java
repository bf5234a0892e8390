package dev.ironbox.kubernetes.access;

import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the API server, one SelfSubjectAccessReview per verb, which of {@link RequiredAccess#RULES} this identity
 * lacks in the namespace: {@code ironbox doctor} names each, so a missing permission is found before a run fails on
 * it. Thread-safe.
 */
public final class AccessReview {

    private final Cluster cluster;

    public AccessReview(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The required verbs not allowed, each as {@code <verb> <resource>} ({@code create pods/exec}); empty when all are.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the API server cannot be asked
     */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (RequiredAccess.Rule rule : RequiredAccess.RULES) {
            for (String verb : rule.verbs()) {
                if (!allowed(rule, verb)) {
                    missing.add(verb + " " + rule.resource());
                }
            }
        }
        return missing;
    }

    private boolean allowed(RequiredAccess.Rule rule, String verb) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes()
                .withNamespace(cluster.namespace()).withGroup(rule.group()).withResource(rule.baseResource())
                .withSubresource(rule.subresource().isEmpty() ? null : rule.subresource()).withVerb(verb)
                .endResourceAttributes().endSpec()
                .build();
        SelfSubjectAccessReview answer = cluster.client().authorization().v1().selfSubjectAccessReview()
                .create(review);
        // no status: the server did not decide, which is no permission either
        return answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }
}
