package dev.ironbox.core.inventory;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.OwnerPlace;
import dev.ironbox.core.label.PoolLabels;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.NetworkSummary;
import dev.ironbox.core.model.SandboxKind;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.NetworkPort;
import dev.ironbox.core.session.SessionBackstop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ironbox's containers on one runtime ({@code ironbox ps}) and the removal of those nobody owns any more
 * ({@code ironbox cleanup}). Only what carries {@code dev.ironbox.managed=true} is ever looked at or removed, and
 * without {@code all} only what an owner provably dead ({@link OwnerLiveness.Owner#DEAD}) left: the engine may be
 * shared with other hosts or containers, whose owners cannot be checked from here. Sessions past their hard deadline
 * or idle past their TTL ({@link SessionBackstop}) are removed by both, whoever owns them; so are warm sandboxes of
 * a pool that exited unclaimed at their shim's deadline ({@link PoolLabels#isExpired}).
 */
public final class Inventory {

    private static final Logger LOG = LoggerFactory.getLogger(Inventory.class);

    private final ContainerRuntime runtime;
    /** Where this process runs: owners recorded anywhere else are never judged dead. */
    private final OwnerPlace here;
    private final SessionBackstop backstop;

    public Inventory(ContainerRuntime runtime) {
        this(runtime, OwnerPlace.current(), SessionBackstop.of(runtime));
    }

    public Inventory(ContainerRuntime runtime, OwnerPlace here) {
        this(runtime, here, SessionBackstop.of(runtime));
    }

    public Inventory(ContainerRuntime runtime, OwnerPlace here, SessionBackstop backstop) {
        this.runtime = runtime;
        this.here = here;
        this.backstop = backstop;
    }

    /** Every managed container, after removing the sessions that are over. */
    public List<SandboxSummary> sandboxes() {
        return sweptContainers().stream().map(this::summary).toList();
    }

    /**
     * Removes what the runtime's expired owners left ({@link ContainerRuntime#reapExpiredOwners()}), then containers
     * whose owner is dead and detached sessions that no longer run (or, with {@code all}, every
     * managed container), then networks whose owner is dead (or every managed one). Failures are reported, not thrown.
     */
    public CleanupReport cleanup(boolean all) {
        List<ContainerId> removed = new ArrayList<>();
        List<String> networksRemoved = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> owners = reapExpiredOwners(failures);
        for (ContainerSummary container : managedContainers()) {
            if (all || isOrphan(container) || backstop.overReason(container).isPresent()
                    || PoolLabels.isExpired(container.labels(), container.running(), Instant.now())) {
                try {
                    runtime.lifecycle().remove(container.id()); // forced: a running one is killed
                    removed.add(container.id());
                } catch (IronboxException | IllegalStateException e) {
                    failures.add("container " + container.id() + " (" + container.name() + "): " + e.getMessage());
                }
            }
        }
        for (NetworkSummary network : managedNetworks(failures)) {
            if (all || isDead(network.labels())) {
                try {
                    runtime.networks().remove(network.id());
                    // by name, as everything else shows a network (ironbox-net-<uuid>); an unnamed one by id
                    networksRemoved.add(network.name() == null || network.name().isBlank() ? network.id()
                            : network.name());
                } catch (IronboxException | IllegalStateException e) {
                    failures.add("network " + network.name() + ": " + e.getMessage());
                }
            }
        }
        return new CleanupReport(runtime.id(), removed, networksRemoved, failures, owners);
    }

    /** First what the runtime's own owners left (its lapsed Leases): it knows their death better than any label. */
    private List<String> reapExpiredOwners(List<String> failures) {
        try {
            return runtime.reapExpiredOwners();
        } catch (IronboxException | IllegalStateException e) {
            failures.add("expired owners not removed: " + e.getMessage());
            return List.of();
        }
    }

    /**
     * A detached session is owned while it runs; anything else is owned until its labelled owner is provably dead
     * (an owner of unknown state is kept).
     */
    private boolean isOrphan(ContainerSummary container) {
        if (SessionLabels.isDetached(container.labels())) {
            return !container.running();
        }
        return isDead(container.labels());
    }

    private boolean isDead(Map<String, String> labels) {
        OwnerLiveness.Owner owner = OwnerLiveness.owner(labels, here);
        if (owner == OwnerLiveness.Owner.UNKNOWN) {
            LOG.debug("kept: owner {} was recorded at boot {} pid namespace {}, not here ({})",
                    labels.get(OwnerLabels.OWNER_PID), labels.get(OwnerLabels.OWNER_BOOT),
                    labels.get(OwnerLabels.OWNER_PID_NAMESPACE), here);
        }
        return owner == OwnerLiveness.Owner.DEAD;
    }

    /** The managed containers, less the sessions the backstop removed. */
    private List<ContainerSummary> sweptContainers() {
        List<ContainerSummary> containers = managedContainers();
        List<ContainerSummary> kept = backstop.sweep(containers.stream()
                .filter(c -> SessionLabels.isSession(c.labels())).toList());
        return containers.stream().filter(c -> !SessionLabels.isSession(c.labels()) || kept.contains(c)).toList();
    }

    private List<ContainerSummary> managedContainers() {
        return runtime.lifecycle().describeByLabel(OwnerLabels.MANAGED, "true").stream()
                .filter(c -> isManaged(c.labels()))
                .sorted(Comparator.comparing(ContainerSummary::created))
                .toList();
    }

    private List<NetworkSummary> managedNetworks(List<String> failures) {
        NetworkPort networks;
        try {
            networks = runtime.networks();
        } catch (IronboxException e) {
            LOG.debug("runtime {} has no sandbox networks, so none to clean up", runtime.id(), e);
            return List.of();
        }
        try {
            return networks.describeByLabel(OwnerLabels.MANAGED, "true").stream()
                    .filter(n -> isManaged(n.labels()))
                    .toList();
        } catch (IronboxException e) {
            failures.add("networks not listed: " + e.getMessage());
            return List.of();
        }
    }

    /** The engine's filter is trusted only as far as this check: nothing without Ironbox's label is touched. */
    private static boolean isManaged(Map<String, String> labels) {
        return "true".equals(labels.get(OwnerLabels.MANAGED));
    }

    private SandboxSummary summary(ContainerSummary container) {
        Map<String, String> labels = container.labels();
        boolean session = SessionLabels.isSession(labels);
        boolean detached = SessionLabels.isDetached(labels);
        SandboxKind kind = session ? SandboxKind.SESSION
                : PoolLabels.isPooled(labels) ? SandboxKind.POOLED : SandboxKind.RUN;
        return new SandboxSummary(runtime.id(), container.id(), kind,
                session ? Optional.of(labels.get(SessionLabels.SESSION)) : Optional.empty(), container.created(),
                labels.getOrDefault(OwnerLabels.POLICY, "?"), container.command(), container.running(),
                detached ? OptionalLong.empty() : OwnerLiveness.ownerPid(labels),
                detached || OwnerLiveness.owner(labels, here) != OwnerLiveness.Owner.DEAD);
    }
}
