package dev.ironbox.kubernetes.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped Role is exactly {@link RequiredAccess}; the request mapping the scenario tests rely on. */
class RequiredAccessTest {

    private static final Path DEPLOY = Path.of("..", "deploy", "kubernetes");
    private final KubernetesSerialization yaml = new KubernetesSerialization();

    @Test
    void theShippedRoleGrantsExactlyTheRequiredAccessAndIsBoundToTheShippedServiceAccount() throws Exception {
        Role role = yaml.unmarshal(Files.readString(DEPLOY.resolve("role.yaml")), Role.class);
        RoleBinding binding = yaml.unmarshal(Files.readString(DEPLOY.resolve("rolebinding.yaml")), RoleBinding.class);

        assertThat(role.getRules()).isEqualTo(RequiredAccess.policyRules());
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("ironbox");
        });
    }

    @Test
    void requestsMapToTheirResourceAndVerbAsRbacAuthorizesThem() {
        assertThat(RecordedVerbs.of("GET", "/api/v1/namespaces/ns/pods?labelSelector=a%3Db"))
                .extracting(RecordedVerbs.Access::group, RecordedVerbs.Access::resource, RecordedVerbs.Access::verb)
                .containsExactly("", "pods", "list");
        assertThat(RecordedVerbs.of("GET", "/api/v1/namespaces/ns/pods?watch=true&fieldSelector=x").verb())
                .isEqualTo("watch");
        assertThat(RecordedVerbs.of("GET", "/api/v1/namespaces/ns/pods/p/exec?command=sh").resource())
                .isEqualTo("pods/exec");
        assertThat(RecordedVerbs.of("PUT", "/apis/coordination.k8s.io/v1/namespaces/ns/leases/l"))
                .extracting(RecordedVerbs.Access::group, RecordedVerbs.Access::resource, RecordedVerbs.Access::verb)
                .containsExactly("coordination.k8s.io", "leases", "update");
        assertThat(RecordedVerbs.of("DELETE", "/apis/networking.k8s.io/v1/namespaces/ns/networkpolicies").verb())
                .isEqualTo("deletecollection");
        assertThat(RecordedVerbs.of("GET", "/api/v1/nodes").resource()).isEqualTo("nodes");
        assertThat(RecordedVerbs.of("GET", "/version").resource()).isEqualTo("nonresource:/version");
    }

    @Test
    void whatTheRoleDoesNotGrantIsCaught() {
        List<RecordedVerbs.Access> accesses = List.of(
                RecordedVerbs.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/ns/leases/l"),
                RecordedVerbs.of("GET", "/api/v1/namespaces/ns/secrets/s"),
                RecordedVerbs.of("POST", "/api/v1/namespaces/ns/pods"),
                RecordedVerbs.of("GET", "/api/v1/nodes"));

        assertThat(RecordedVerbs.notGranted(accesses)).extracting(RecordedVerbs.Access::resource)
                .containsExactly("leases", "secrets");
    }
}
