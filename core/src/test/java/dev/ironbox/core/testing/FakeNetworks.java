package dev.ironbox.core.testing;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.NetworkSummary;
import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.core.port.out.NetworkPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory networks for core unit tests: records what was created and removed, in the shared log. */
public final class FakeNetworks implements NetworkPort {

    public static final InetAddress GATEWAY = address(10, 99, 0, 1);

    public final Map<String, Map<String, String>> alive = new ConcurrentHashMap<>();
    public final List<SandboxNetwork> created = new CopyOnWriteArrayList<>();
    public RuntimeException createFailure;
    public RuntimeException removeFailure;
    /** Set: this runtime isolates its networks itself (as Kubernetes does), and {@link #allowOnly} records openings. */
    public Optional<NetworkIsolation> ownIsolation = Optional.empty();
    /** The openings {@link #allowOnly} made and that are not closed yet: {@code <network id> <address>:<port>}. */
    public final List<String> allowed = new CopyOnWriteArrayList<>();
    private final List<String> log;
    private int next;

    public FakeNetworks(List<String> log) {
        this.log = log;
    }

    @Override
    public synchronized SandboxNetwork createInternal(String name, Map<String, String> labels) {
        return createInternal(name, "", labels);
    }

    @Override
    public synchronized SandboxNetwork createInternal(String name, String hostInterface, Map<String, String> labels) {
        if (createFailure != null) {
            throw createFailure;
        }
        SandboxNetwork network = new SandboxNetwork("n" + (++next), name, GATEWAY, hostInterface);
        created.add(network);
        alive.put(network.id(), Map.copyOf(labels));
        log.add("create network " + network.id());
        return network;
    }

    @Override
    public Optional<NetworkIsolation> ownIsolation() {
        return ownIsolation;
    }

    @Override
    public HostFirewallPort.Opening allowOnly(SandboxNetwork network, InetAddress address, int port) {
        if (ownIsolation.isEmpty()) {
            return NetworkPort.super.allowOnly(network, address, port);
        }
        String opening = network.id() + " " + address.getHostAddress() + ":" + port;
        allowed.add(opening);
        log.add("allow only " + opening);
        return () -> allowed.remove(opening);
    }

    @Override
    public boolean namesHostInterfaces() {
        return true;
    }

    @Override
    public void remove(String networkId) {
        if (removeFailure != null) {
            throw removeFailure;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new ContainerFailureException("interrupted while removing network " + networkId);
        }
        if (alive.remove(networkId) != null) {
            log.add("remove network " + networkId);
        }
    }

    @Override
    public List<String> listByLabel(String key, String value) {
        List<String> ids = new ArrayList<>();
        alive.forEach((id, labels) -> {
            if (value.equals(labels.get(key))) {
                ids.add(id);
            }
        });
        return ids;
    }

    @Override
    public List<NetworkSummary> describeByLabel(String key, String value) {
        List<NetworkSummary> found = new ArrayList<>();
        alive.forEach((id, labels) -> {
            if (value.equals(labels.get(key))) {
                found.add(new NetworkSummary(id, "net-" + id, labels));
            }
        });
        return found;
    }

    /** A network made by someone else, with these labels. */
    public synchronized String add(Map<String, String> labels) {
        String id = "m" + (++next);
        alive.put(id, Map.copyOf(labels));
        return id;
    }

    private static InetAddress address(int... bytes) {
        try {
            byte[] raw = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                raw[i] = (byte) bytes[i];
            }
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
