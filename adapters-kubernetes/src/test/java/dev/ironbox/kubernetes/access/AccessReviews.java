package dev.ironbox.kubernetes.access;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.function.Predicate;

/** Makes the mock API server answer SelfSubjectAccessReviews as an authorizer would: allowed unless denied. */
public final class AccessReviews {

    private AccessReviews() {}

    /** Every review from now on is answered: allowed unless {@code denied} matches its attributes. */
    public static void answer(KubernetesMockServer server, Predicate<ResourceAttributes> denied) {
        KubernetesSerialization json = new KubernetesSerialization();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReply(201, request -> {
                    SelfSubjectAccessReview review = json.unmarshal(request.getUtf8Body(),
                            SelfSubjectAccessReview.class);
                    boolean refused = denied.test(review.getSpec().getResourceAttributes());
                    review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(!refused)
                            .withDenied(refused).build());
                    return review;
                })
                .always();
    }

    /** Attributes naming {@code verb} on {@code resource} ({@code pods/exec}: resource and subresource). */
    public static Predicate<ResourceAttributes> is(String verb, String resource) {
        return attributes -> {
            String named = attributes.getSubresource() == null || attributes.getSubresource().isEmpty()
                    ? attributes.getResource() : attributes.getResource() + "/" + attributes.getSubresource();
            return verb.equals(attributes.getVerb()) && resource.equals(named);
        };
    }
}
