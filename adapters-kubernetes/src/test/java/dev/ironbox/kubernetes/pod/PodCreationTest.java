package dev.ironbox.kubernetes.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pod as the (mock) API server stored it, field by field; and the server's refusals in one line. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PodCreationTest.OnJdkHttp.class)
class PodCreationTest {

    /** The transport the runtime uses. */
    public static final class OnJdkHttp implements Consumer<KubernetesClientBuilder> {
        @Override
        public void accept(KubernetesClientBuilder builder) {
            builder.withHttpClientFactory(new OkHttpClientFactory());
        }
    }

    private static final String NAMESPACE = "sandboxes";
    private static final String PODS = "/api/v1/namespaces/" + NAMESPACE + "/pods";
    private static final OwnerReference LEASE = new OwnerReferenceBuilder().withApiVersion("coordination.k8s.io/v1")
            .withKind("Lease").withName("ironbox-0123456789ab").withUid("7d1c6a52-0000-4000-8000-000000000001")
            .withBlockOwnerDeletion(true).build();

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();
    private PodCreation creation;
    private Path workspace;
    private Path ca;

    @BeforeEach
    void creation() throws Exception {
        // one server for the class: each test starts with no pod and no expectation
        client.pods().inNamespace(NAMESPACE).delete();
        server.clearExpectations();
        KubernetesSettings settings = new KubernetesSettings(Optional.empty(), Optional.of(NAMESPACE),
                Optional.of("gvisor"), Duration.ofMinutes(2), Optional.of("IfNotPresent"), 1L << 30);
        creation = new PodCreation(new Cluster(client, NAMESPACE, settings, false), () -> {
            calls.add("owner");
            return LEASE;
        }, () -> calls.add("default deny"), new PodRuns());
        workspace = Files.createDirectories(dir.resolve("project"));
        Files.writeString(workspace.resolve("README"), "hello\n");
        ca = Files.writeString(dir.resolve("ca.pem"), "pem\n");
    }

    private ContainerSpec.Builder run() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("dev.ironbox.managed", "true");
        labels.put("dev.ironbox.owner.pid", "4242");
        labels.put("dev.ironbox.workspace", workspace.toString());
        return PodSpecsTest.base()
                .command(List.of("python3", "-c", "print('hi')"))
                .env(Map.of("HOME", "/tmp", "LANG", "C.UTF-8"))
                .labels(labels)
                .addBinds(new Mount(workspace, "/workspace", true), new Mount(ca, "/etc/ironbox/ca.pem", true));
    }

    private static Pod stored(String name) {
        return client.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    @Test
    void theStoredPodHasEveryFieldOfTheSpec() {
        ContainerSpec spec = run().networkMode("ironbox-egress-7").build();

        ContainerId id = creation.create(spec);

        assertThat(id).isEqualTo(new ContainerId(spec.name()));
        assertThat(calls).containsExactly("default deny", "owner");
        Pod pod = stored(spec.name());
        assertThat(pod.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(pod.getMetadata().getOwnerReferences()).containsExactly(LEASE);
        assertThat(pod.getMetadata().getAnnotations()).containsAllEntriesOf(spec.labels());
        assertThat(pod.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dev.ironbox.managed", "true", "dev.ironbox.owner.pid", "4242",
                "dev.ironbox.network", "ironbox-egress-7"));
        assertThat(PodLabels.specLabels(pod.getMetadata().getAnnotations())).isEqualTo(spec.labels());

        PodSpec podSpec = pod.getSpec();
        assertThat(podSpec.getRestartPolicy()).isEqualTo("Never");
        assertThat(podSpec.getShareProcessNamespace()).isTrue();
        assertThat(podSpec.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(podSpec.getSecurityContext().getRunAsGroup()).isEqualTo(1000L);
        assertThat(podSpec.getSecurityContext().getFsGroup()).isEqualTo(1000L);
        assertThat(podSpec.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(podSpec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(podSpec.getAutomountServiceAccountToken()).isFalse();
        assertThat(podSpec.getEnableServiceLinks()).isFalse();
        assertThat(podSpec.getHostNetwork()).isFalse();
        assertThat(podSpec.getHostPID()).isFalse();
        assertThat(podSpec.getHostIPC()).isFalse();
        assertThat(podSpec.getDnsPolicy()).isEqualTo("None");
        assertThat(podSpec.getDnsConfig().getNameservers()).containsExactly("127.0.0.1");
        assertThat(podSpec.getRuntimeClassName()).isEqualTo("gvisor");
        assertThat(podSpec.getActiveDeadlineSeconds()).isEqualTo(120L + 25 * 3600);
        assertThat(podSpec.getTerminationGracePeriodSeconds()).isZero();

        assertThat(podSpec.getVolumes()).hasSize(2);
        assertThat(podSpec.getVolumes().get(0).getName()).isEqualTo("ironbox-tmp-0");
        assertThat(podSpec.getVolumes().get(0).getEmptyDir().getMedium()).isEqualTo("Memory");
        assertThat(podSpec.getVolumes().get(0).getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("67108864"));
        assertThat(podSpec.getVolumes().get(1).getName()).isEqualTo(PodNames.FILES_VOLUME);
        assertThat(podSpec.getVolumes().get(1).getEmptyDir().getMedium()).isNull();
        assertThat(podSpec.getVolumes().get(1).getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("1073741824"));

        assertThat(podSpec.getContainers()).hasSize(1);
        Container sandbox = podSpec.getContainers().get(0);
        assertThat(sandbox.getName()).isEqualTo(PodNames.SANDBOX_CONTAINER);
        assertThat(sandbox.getCommand()).containsExactly("sh", "-c", PodSpecs.GATE, "ironbox", "python3", "-c",
                "print('hi')");
        assertThat(sandbox.getArgs()).isEmpty();
        assertThat(sandbox.getWorkingDir()).isEqualTo("/workspace");
        assertThat(sandbox.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactlyInAnyOrder("HOME=/tmp", "LANG=C.UTF-8");
        assertThat(sandbox.getVolumeMounts()).extracting(PodCreationTest::mount).containsExactly(
                "ironbox-tmp-0:/tmp::rw",
                "ironbox-files:/workspace:workspace:ro",
                "ironbox-files:/etc/ironbox/ca.pem:binds/0:ro");
        hardened(sandbox, spec);

        assertThat(podSpec.getInitContainers()).hasSize(1);
        Container feed = podSpec.getInitContainers().get(0);
        assertThat(feed.getName()).isEqualTo(PodNames.FEED_CONTAINER);
        assertThat(feed.getCommand()).containsExactly("tar", "-x", "-f", "-", "-C", "/ironbox");
        assertThat(feed.getVolumeMounts()).extracting(PodCreationTest::mount)
                .containsExactly("ironbox-files:/ironbox::rw");
        hardened(feed, spec);
    }

    /** What the sandbox and the feed share. */
    private static void hardened(Container container, ContainerSpec spec) {
        assertThat(container.getImage()).isEqualTo(spec.image());
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(container.getStdin()).isTrue();
        assertThat(container.getStdinOnce()).isTrue();
        assertThat(container.getTty()).isFalse();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).isEmpty();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getPrivileged()).isFalse();
        Map<String, Quantity> amounts = Map.of("memory", new Quantity("536870912"), "cpu", new Quantity("1500m"),
                "ephemeral-storage", new Quantity("1073741824"));
        assertThat(container.getResources().getLimits()).isEqualTo(amounts);
        assertThat(container.getResources().getRequests()).isEqualTo(amounts);
    }

    private static String mount(VolumeMount mount) {
        return mount.getName() + ":" + mount.getMountPath() + ":" + (mount.getSubPath() == null ? ""
                : mount.getSubPath()) + ":" + (Boolean.TRUE.equals(mount.getReadOnly()) ? "ro" : "rw");
    }

    @Test
    void aSessionHasNoDeadlineAndAPodWithoutBindsNoFeed() {
        ContainerSpec spec = PodSpecsTest.base().name("ironbox-session-k3x9").autoRemove(true)
                .addCapAdd("NET_BIND_SERVICE").noNewPrivileges(false).readOnlyRootfs(false)
                .addTmpfs(new TmpfsMount("/run", 1 << 20)).build();

        creation.create(spec);

        PodSpec podSpec = stored(spec.name()).getSpec();
        assertThat(podSpec.getActiveDeadlineSeconds()).isNull();
        assertThat(podSpec.getInitContainers()).isEmpty();
        assertThat(podSpec.getVolumes()).extracting(v -> v.getName() + ":" + v.getEmptyDir().getSizeLimit())
                .containsExactly("ironbox-tmp-0:67108864", "ironbox-tmp-1:1048576");
        Container sandbox = podSpec.getContainers().get(0);
        assertThat(sandbox.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
        assertThat(sandbox.getSecurityContext().getAllowPrivilegeEscalation()).isTrue();
        assertThat(sandbox.getSecurityContext().getReadOnlyRootFilesystem()).isFalse();
        assertThat(sandbox.getSecurityContext().getPrivileged()).isFalse();
        assertThat(stored(spec.name()).getMetadata().getLabels()).doesNotContainKey(PodLabels.NETWORK);
    }

    @Test
    void aDetachedSessionBelongsToNoLeaseAndIsMarkedForRemoval() {
        // a detached session's labels name no owner process: the CLI that started it exits, its Lease goes
        ContainerSpec spec = PodSpecsTest.base().name("ironbox-session-d1").autoRemove(true)
                .labels(Map.of("dev.ironbox.managed", "true", "dev.ironbox.session", "d1")).build();

        creation.create(spec);

        Pod pod = stored(spec.name());
        assertThat(pod.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(calls).containsExactly("default deny");
        assertThat(pod.getMetadata().getLabels()).containsEntry(PodLabels.AUTO_REMOVE, "true");
        assertThat(PodLabels.specLabels(pod.getMetadata().getAnnotations())).isEqualTo(spec.labels());
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isZero();
    }

    @Test
    void anAttachedSessionIsOwnedByTheLeaseAndARunIsNotMarkedForRemoval() {
        ContainerSpec session = PodSpecsTest.base().name("ironbox-session-a1").autoRemove(true)
                .labels(Map.of("dev.ironbox.managed", "true", "dev.ironbox.owner.pid", "4242")).build();
        ContainerSpec run = run().build();

        creation.create(session);
        creation.create(run);

        assertThat(stored(session.name()).getMetadata().getOwnerReferences()).containsExactly(LEASE);
        assertThat(stored(session.name()).getMetadata().getLabels()).containsEntry(PodLabels.AUTO_REMOVE, "true");
        assertThat(stored(run.name()).getMetadata().getOwnerReferences()).containsExactly(LEASE);
        assertThat(stored(run.name()).getMetadata().getLabels()).doesNotContainKey(PodLabels.AUTO_REMOVE);
    }

    @Test
    void aRefusedSpecCreatesNothing() {
        assertThatThrownBy(() -> creation.create(run().binds(List.of(new Mount(workspace, "/workspace", false)))
                .build())).isInstanceOf(PolicyRefusedException.class);
        assertThatThrownBy(() -> creation.create(run().binds(List.of(new Mount(dir.resolve("gone"), "/workspace",
                true))).build())).isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> creation.create(run().name("Not_A_Name").build()))
                .isInstanceOf(ContainerFailureException.class);

        assertThat(calls).isEmpty();
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    }

    @Test
    void aQuotaRefusalQuotesTheServer() {
        String message = "pods \"ironbox-x\" is forbidden: exceeded quota: sandboxes, requested: limits.memory=512Mi,"
                + " used: limits.memory=2Gi, limited: limits.memory=2Gi";
        server.expect().post().withPath(PODS).andReturn(403, new StatusBuilder().withStatus("Failure")
                .withReason("Forbidden").withCode(403).withMessage(message).build()).once();

        assertThatThrownBy(() -> creation.create(run().build())).isInstanceOf(ContainerFailureException.class)
                .hasMessage("cannot create pod " + run().build().name() + " in " + client.getConfiguration()
                        .getMasterUrl() + ", namespace sandboxes: 403 Forbidden: " + message);
    }

    @Test
    void anAdmissionDenialQuotesTheServer() {
        String message = "admission webhook \"validation.gatekeeper.sh\" denied the request: [psp-pods-allowed-user-"
                + "ranges] Container sandbox is attempting to run as disallowed user 1000";
        server.expect().post().withPath(PODS).andReturn(403, new StatusBuilder().withStatus("Failure")
                .withReason("Forbidden").withCode(403).withMessage(message).build()).once();

        assertThatThrownBy(() -> creation.create(run().build())).isInstanceOf(ContainerFailureException.class)
                .hasMessageEndingWith(": 403 Forbidden: " + message);
    }

    @Test
    void anExistingPodIsAConflict() {
        ContainerSpec spec = run().build();
        creation.create(spec);

        assertThatThrownBy(() -> creation.create(spec)).isInstanceOf(ContainerFailureException.class)
                .hasMessageStartingWith("cannot create pod " + spec.name() + " in ")
                .hasMessageContaining(": 409 ");
    }

    @Test
    void anUnreachableServerIsNamedWithTheCause() {
        KubernetesClientException e = new KubernetesClientException("Operation: [create] for kind: [Pod] failed.",
                new ConnectException("Connection refused"));

        assertThat(PodCreation.refusal(e))
                .isEqualTo("Operation: [create] for kind: [Pod] failed. (Connection refused)");
    }

    @Test
    void anInvalidPodQuotesTheServer() {
        String message = "Pod \"ironbox-x\" is invalid: spec.runtimeClassName: Not found: \"gvisor\"";
        server.expect().post().withPath(PODS).andReturn(422, new StatusBuilder().withStatus("Failure")
                .withReason("Invalid").withCode(422).withMessage(message).build()).once();

        assertThatThrownBy(() -> creation.create(run().build())).isInstanceOf(ContainerFailureException.class)
                .hasMessageEndingWith(": 422 Invalid: " + message);
    }
}
