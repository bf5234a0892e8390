package dev.ironbox.kubernetes.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One review per required verb, in the namespace; the refused ones are named. */
@EnableKubernetesMockClient(crud = true)
class AccessReviewTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private AccessReview review() {
        return new AccessReview(new Cluster(client, "sandboxes", KubernetesSettings.DEFAULTS, false));
    }

    @Test
    void everyRequiredVerbIsAskedInTheNamespaceAndTheRefusedOnesAreNamed() {
        List<ResourceAttributes> asked = new CopyOnWriteArrayList<>();
        AccessReviews.answer(server, attributes -> {
            asked.add(attributes);
            return AccessReviews.is("create", "pods/exec").or(AccessReviews.is("update", "leases")).test(attributes);
        });

        List<String> missing = review().missing();

        assertThat(missing).containsExactly("create pods/exec", "update leases");
        int verbs = RequiredAccess.RULES.stream().mapToInt(rule -> rule.verbs().size()).sum();
        assertThat(asked).hasSize(verbs).allSatisfy(a -> assertThat(a.getNamespace()).isEqualTo("sandboxes"));
        assertThat(asked).filteredOn(a -> "leases".equals(a.getResource()))
                .allSatisfy(a -> assertThat(a.getGroup()).isEqualTo("coordination.k8s.io"));
    }

    @Test
    void anAnswerWithoutADecisionCountsAsMissing() {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReturn(201, new SelfSubjectAccessReview()).always();

        assertThat(review().missing()).hasSize(RequiredAccess.RULES.stream().mapToInt(r -> r.verbs().size()).sum());
    }
}
