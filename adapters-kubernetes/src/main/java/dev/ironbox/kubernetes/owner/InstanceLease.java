package dev.ironbox.kubernetes.owner;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's {@code coordination.k8s.io/v1} Lease: the owner of every pod and policy it creates, so that when
 * the instance dies (and its Lease is reaped, see {@link ExpiredLeases}) Kubernetes' garbage collector removes what it
 * left. Created on the first {@link #reference()}, renewed every {@value #RENEW_SECONDS} s by one daemon thread while
 * it lives, deleted by {@link #close()}. Thread-safe.
 */
public final class InstanceLease {

    /** Marks Ironbox's Leases among the namespace's others (leader elections use Leases too). */
    public static final String LEASE_LABEL = "dev.ironbox.lease";
    static final String API_VERSION = "coordination.k8s.io/v1";
    static final String KIND = "Lease";
    static final int DURATION_SECONDS = 60;
    /** A third of the duration: two renewals in a row may fail before the Lease lapses. */
    static final int RENEW_SECONDS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(InstanceLease.class);

    private final Cluster cluster;
    private final Clock clock;
    private final String name;
    private final String holder;
    private OwnerReference reference;
    private ScheduledExecutorService renewer;
    private boolean closed;

    public InstanceLease(Cluster cluster) {
        this(cluster, Clock.systemUTC());
    }

    InstanceLease(Cluster cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        this.name = "ironbox-" + HexFormat.of().formatHex(random);
        this.holder = hostName() + "/" + ProcessHandle.current().pid();
    }

    /** The Lease's name, {@code ironbox-<12 hex digits>}, whether it was created yet or not. */
    public String name() {
        return name;
    }

    /**
     * The owner reference every pod and policy this instance creates carries: to this instance's Lease, created on
     * first use and renewed until {@link #close()}.
     *
     * @throws ContainerFailureException when the Lease cannot be created (quoting the API server), or after close
     */
    public synchronized OwnerReference reference() {
        if (closed) {
            throw new ContainerFailureException("this Kubernetes runtime is closed");
        }
        if (reference == null) {
            reference = create();
            renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "ironbox-lease-" + name);
                thread.setDaemon(true); // a forgotten close must not keep the JVM alive; the Lease then lapses
                return thread;
            });
            renewer.scheduleWithFixedDelay(this::renewLogged, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
        }
        return reference;
    }

    private OwnerReference create() {
        ZonedDateTime now = now();
        Lease lease = new LeaseBuilder()
                .withNewMetadata().withName(name).withNamespace(cluster.namespace())
                .withLabels(Map.of(OwnerLabels.MANAGED, "true", LEASE_LABEL, "true")).endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(DURATION_SECONDS)
                .withAcquireTime(now).withRenewTime(now).endSpec()
                .build();
        try {
            Lease created = cluster.client().leases().inNamespace(cluster.namespace()).resource(lease).create();
            return new OwnerReferenceBuilder().withApiVersion(API_VERSION).withKind(KIND).withName(name)
                    .withUid(created.getMetadata().getUid()).withBlockOwnerDeletion(false).withController(false)
                    .build();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot create the Lease " + name + " that owns this instance's pods"
                    + " (" + cluster.describe() + "): " + e.getMessage(), e);
        }
    }

    /** One renewal; a failure is logged and the next tick tries again (two may fail before the Lease lapses). */
    private void renewLogged() {
        try {
            renew();
        } catch (RuntimeException e) {
            LOG.warn("renewing the Lease {} ({}) failed; retrying in {} s: {}", name, cluster.describe(),
                    RENEW_SECONDS, e.getMessage());
        }
    }

    /** Sets the Lease's renewTime to now (get, then update: a conflict is retried on the next tick). */
    synchronized void renew() {
        if (closed || reference == null) {
            return;
        }
        Resource<Lease> resource = cluster.client().leases().inNamespace(cluster.namespace()).withName(name);
        Lease current = resource.get();
        if (current == null) {
            // reaped after a long pause (its pods went with it): a new Lease owns whatever comes next
            LOG.error("the Lease {} owning this instance's pods is gone ({}), so are the pods it owned; creating it"
                    + " again", name, cluster.describe());
            reference = create();
            return;
        }
        current.getSpec().setRenewTime(now());
        current.getSpec().setHolderIdentity(holder);
        cluster.client().leases().inNamespace(cluster.namespace()).resource(current).update();
    }

    /** Stops renewing and deletes the Lease (its pods and policies go with it). Idempotent; never throws. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (renewer != null) {
            renewer.shutdownNow();
        }
        if (reference == null) {
            return;
        }
        try {
            cluster.client().leases().inNamespace(cluster.namespace()).withName(name).delete();
        } catch (RuntimeException e) {
            LOG.warn("deleting the Lease {} ({}) failed; it lapses in {} s and 'ironbox cleanup' removes it and what"
                    + " it owns: {}", name, cluster.describe(), DURATION_SECONDS, e.getMessage());
        }
    }

    private ZonedDateTime now() {
        return ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
