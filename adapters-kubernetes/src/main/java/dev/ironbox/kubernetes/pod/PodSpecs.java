package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ContainerSpec} as one pod: every field applied, or the spec refused before anything is created. What a
 * pod cannot express is bounded otherwise:
 * <ul>
 *   <li>{@code pidsLimit}: Kubernetes has no per-pod field; the kubelet's {@code podPidsLimit} (its configuration,
 *       the cluster operator's) bounds every pod's processes. Logged once at DEBUG.</li>
 *   <li>{@code memorySwapBytes}: limits equal to requests make the pod Guaranteed, and the kubelet gives Guaranteed
 *       pods no swap at all: at most what the spec allows.</li>
 *   <li>{@code seccompProfile}: a {@code Localhost} profile must be a file on every node, which Ironbox cannot
 *       place there; the pod runs under {@code RuntimeDefault} (containerd's and CRI-O's default refuses namespace
 *       creation and {@code bpf} only to a process without {@code CAP_SYS_ADMIN} / {@code CAP_BPF}, so a spec
 *       adding a capability under which that profile permits what Ironbox's refuses is refused
 *       ({@link #UNGUARDED}): Ironbox's services add none, and no pod silently runs weaker than the spec).</li>
 *   <li>{@code tmpfs}: a {@code Memory} emptyDir, sized and counted against the memory limit as a tmpfs is; the
 *       kubelet mounts it without {@code noexec}, so a file written there can be run;
 *       {@code allowPrivilegeEscalation: false} keeps a setuid file there worthless.</li>
 *   <li>{@code init}: {@code shareProcessNamespace} makes the pause container PID 1, which reaps orphans.</li>
 * </ul>
 * Images need a POSIX {@code sh} (the gate) and, when there are binds, {@code tar} (the feed).
 */
public final class PodSpecs {

    /**
     * The gate the command waits behind, reading lines on standard input: {@code ping N} is answered with the line
     * {@code \036ironbox-ready N} on standard output (the adapter releases the command only once it saw one, proof
     * that its attach receives stdout: containerd's attach starts copying stdin before it adds the output writers);
     * {@code go} runs the command (so 127 / 126 for a missing / non-executable command come from {@code sh} as on the
     * engines); anything else or EOF exits 125. Run as {@code sh -c GATE ironbox argv...}.
     */
    public static final String GATE = gate("exec \"$@\" </dev/null");
    /** The gate of a spec that keeps its standard input open: the command reads what follows the line. */
    public static final String GATE_KEEPING_STDIN = gate("exec \"$@\"");
    /** {@code $0} of the gate, in {@code ps} and sh's messages. */
    static final String GATE_NAME = "ironbox";
    /**
     * A run's pod deadline past its schedule timeout: the core kills the command at its own timeout (at most 24 h);
     * this only ends the pod on the cluster's side when this process is gone.
     */
    static final Duration BACKSTOP = Duration.ofHours(25);
    static final String WORKSPACE = "/workspace";
    static final String TMP_VOLUME = "ironbox-tmp-";

    /**
     * Capabilities under which the runtime's default seccomp profile permits what Ironbox's own profile refuses:
     * namespaces and mounts ({@code SYS_ADMIN}), {@code bpf} ({@code BPF}), {@code perf_event_open}
     * ({@code PERFMON}), {@code ptrace} and {@code process_vm_*} ({@code SYS_PTRACE}).
     */
    static final Set<String> UNGUARDED = Set.of("ALL", "SYS_ADMIN", "BPF", "PERFMON", "SYS_PTRACE");

    private static final Logger LOG = LoggerFactory.getLogger(PodSpecs.class);
    private static final AtomicBoolean UNBOUNDED_LOGGED = new AtomicBoolean();
    /** A DNS-1123 subdomain: what a pod's name must be. */
    private static final Pattern POD_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
            + "[a-z0-9])?)*");
    private static final Pattern USER = Pattern.compile("(\\d{1,10}):(\\d{1,10})");

    private final KubernetesSettings settings;

    public PodSpecs(KubernetesSettings settings) {
        this.settings = settings;
    }

    /**
     * Refuses a spec no pod can honestly run, before anything is created.
     *
     * @throws PolicyRefusedException for a writable bind (workspace_write)
     * @throws ContainerFailureException for a name or user a pod cannot have, or a capability its seccomp profile
     *     would not guard
     */
    public static void check(ContainerSpec spec) {
        if (spec.name().length() > 253 || !POD_NAME.matcher(spec.name()).matches()) {
            throw new ContainerFailureException("cannot create pod '" + spec.name() + "': not a Kubernetes name"
                    + " (lowercase letters, digits, '-' and '.', at most 253)");
        }
        if (spec.binds().stream().anyMatch(bind -> !bind.readOnly())) {
            throw new PolicyRefusedException("the workspace_write policy is refused on Kubernetes: changes in a pod"
                    + " cannot be copied back safely; use workspace_read and ironbox cp from a session");
        }
        if (!PodLabels.NO_NETWORK.equals(spec.networkMode()) && !PodLabels.isValue(spec.networkMode())) {
            // the egress policy selects the pods of a network by this label: a pod without it would be cut off
            throw new ContainerFailureException("cannot create pod " + spec.name() + ": its network '"
                    + spec.networkMode() + "' cannot be a Kubernetes label value");
        }
        for (String capability : spec.capAdd()) {
            String name = capability.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
            if (UNGUARDED.contains(name)) {
                throw new ContainerFailureException("cannot create pod " + spec.name() + ": adding capability "
                        + capability + " is refused on Kubernetes: the pod runs under the runtime's default seccomp"
                        + " profile (Ironbox's own cannot be placed on the nodes), which permits with it what"
                        + " Ironbox's refuses");
            }
        }
        long[] ids = ids(spec);
        if (ids[0] == 0) {
            throw new ContainerFailureException("cannot create pod " + spec.name() + ": a pod never runs as root"
                    + " (runAsNonRoot), and the spec's user is " + spec.user());
        }
    }

    /**
     * The pod of {@code spec} (checked by {@link #check}), owned by {@code owner}; {@code null}: owned by nothing (a
     * detached session, which outlives this process and its Lease).
     */
    public Pod pod(ContainerSpec spec, OwnerReference owner) {
        logUnbounded(spec);
        List<FeedArchive.Fed> fed = FeedArchive.plan(spec);
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        for (int i = 0; i < spec.tmpfs().size(); i++) {
            TmpfsMount tmpfs = spec.tmpfs().get(i);
            volumes.add(new VolumeBuilder().withName(TMP_VOLUME + i).withNewEmptyDir().withMedium("Memory")
                    .withSizeLimit(new Quantity(Long.toString(tmpfs.sizeBytes()))).endEmptyDir().build());
            mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME + i).withMountPath(tmpfs.containerPath())
                    .build());
        }
        List<Container> initContainers = new ArrayList<>();
        if (!fed.isEmpty()) {
            volumes.add(new VolumeBuilder().withName(PodNames.FILES_VOLUME).withNewEmptyDir()
                    .withSizeLimit(new Quantity(Long.toString(settings.ephemeralStorage()))).endEmptyDir().build());
            for (FeedArchive.Fed one : fed) {
                mounts.add(new VolumeMountBuilder().withName(PodNames.FILES_VOLUME)
                        .withMountPath(one.bind().containerPath()).withSubPath(one.subPath()).withReadOnly(true)
                        .build());
            }
            initContainers.add(container(spec, PodNames.FEED_CONTAINER)
                    .withCommand("tar", "-x", "-f", "-", "-C", PodNames.FEED_ROOT)
                    .withVolumeMounts(new VolumeMountBuilder().withName(PodNames.FILES_VOLUME)
                            .withMountPath(PodNames.FEED_ROOT).withReadOnly(false).build())
                    .build());
        }
        List<String> command = new ArrayList<>(List.of("sh", "-c", spec.openStdin() ? GATE_KEEPING_STDIN : GATE,
                GATE_NAME));
        command.addAll(spec.command());
        Container sandbox = container(spec, PodNames.SANDBOX_CONTAINER)
                .withCommand(command)
                .withEnv(spec.env().entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList())
                .withWorkingDir(spec.workingDir())
                .withVolumeMounts(mounts)
                .build();
        return new PodBuilder()
                .withNewMetadata()
                    .withName(spec.name())
                    .withLabels(PodLabels.labels(spec))
                    .withAnnotations(PodLabels.annotations(spec))
                    .withOwnerReferences(owner == null ? List.of() : List.of(owner))
                .endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    // no SIGTERM grace: a kill by the deadline (PodKill's fallback) must not let a command that
                    // traps TERM exit 0 and pass for one that ended on its own
                    .withTerminationGracePeriodSeconds(0L)
                    .withShareProcessNamespace(true)
                    .withSecurityContext(podSecurity(spec))
                    .withAutomountServiceAccountToken(false)
                    .withEnableServiceLinks(false)
                    .withHostNetwork(false).withHostPID(false).withHostIPC(false)
                    .withDnsPolicy("None")
                    .withNewDnsConfig().withNameservers("127.0.0.1").endDnsConfig()
                    .withRuntimeClassName(settings.runtimeClass().orElse(null))
                    .withActiveDeadlineSeconds(spec.autoRemove() ? null
                            : settings.scheduleTimeout().plus(BACKSTOP).toSeconds())
                    .withInitContainers(initContainers)
                    .withContainers(sandbox)
                    .withVolumes(volumes)
                .endSpec()
                .build();
    }

    private static String gate(String exec) {
        return "while IFS= read -r line; do case \"$line\" in " + PodNames.GO + ") " + exec + ";; '"
                + PodNames.PING + "'[0-9]*) printf '\\036ironbox-ready %s\\n' \"${line#" + PodNames.PING
                + "}\";; *) exit 125;; esac; done; exit 125";
    }

    /** What the sandbox and the feed share: image, hardening, resources, a standard input used once, no TTY. */
    private ContainerBuilder container(ContainerSpec spec, String name) {
        return new ContainerBuilder()
                .withName(name)
                .withImage(spec.image())
                .withImagePullPolicy(settings.imagePullPolicy().orElse(null))
                .withStdin(true).withStdinOnce(true).withTty(false)
                .withSecurityContext(containerSecurity(spec))
                .withResources(resources(spec));
    }

    private static PodSecurityContext podSecurity(ContainerSpec spec) {
        long[] ids = ids(spec);
        return new PodSecurityContextBuilder()
                .withRunAsUser(ids[0]).withRunAsGroup(ids[1]).withFsGroup(ids[1])
                .withRunAsNonRoot(true)
                .withSeccompProfile(new SeccompProfile(null, "RuntimeDefault"))
                .build();
    }

    private static SecurityContext containerSecurity(ContainerSpec spec) {
        return new SecurityContextBuilder()
                // no_new_privs is always set by the runtime unless the container may escalate; false = set
                .withAllowPrivilegeEscalation(!spec.noNewPrivileges())
                .withCapabilities(new Capabilities(List.copyOf(spec.capAdd()), List.copyOf(spec.capDrop())))
                .withReadOnlyRootFilesystem(spec.readOnlyRootfs())
                .withPrivileged(false)
                .build();
    }

    /** Limits equal to requests: a Guaranteed pod, which the kubelet neither overcommits nor gives swap. */
    private ResourceRequirements resources(ContainerSpec spec) {
        Map<String, Quantity> amounts = Map.of(
                "memory", new Quantity(Long.toString(spec.memoryBytes())),
                "cpu", new Quantity(millicores(spec.nanoCpus()) + "m"),
                "ephemeral-storage", new Quantity(Long.toString(settings.ephemeralStorage())));
        return new ResourceRequirementsBuilder().withLimits(amounts).withRequests(amounts).build();
    }

    /** Billionths of a core as millicores, rounded up (never less than asked), at least 1. */
    static long millicores(long nanoCpus) {
        return Math.max(1, (nanoCpus + 999_999) / 1_000_000);
    }

    /** The spec's {@code uid:gid}. */
    private static long[] ids(ContainerSpec spec) {
        var matcher = USER.matcher(spec.user());
        if (!matcher.matches()) {
            throw new ContainerFailureException("cannot create pod " + spec.name() + ": its user '" + spec.user()
                    + "' is not uid:gid (a pod's user is numeric)");
        }
        return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }

    private static void logUnbounded(ContainerSpec spec) {
        if (UNBOUNDED_LOGGED.compareAndSet(false, true)) {
            LOG.debug("a pod has no process limit of its own: the kubelet's podPidsLimit bounds it, not the spec's"
                    + " {}; and it runs under the RuntimeDefault seccomp profile, not Ironbox's", spec.pidsLimit());
        }
    }
}
