package dev.ironbox.core.testing;

import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.port.out.HostFirewallPort;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory host firewall for core unit tests: enforced or not, and the openings it holds. */
public final class FakeFirewall implements HostFirewallPort {

    public final List<String> open = new CopyOnWriteArrayList<>();
    public final List<String> everOpened = new CopyOnWriteArrayList<>();
    public volatile NetworkIsolation isolation = NetworkIsolation.enforced("fake firewall");
    public volatile RuntimeException openFailure;

    public static FakeFirewall unavailable(String why) {
        FakeFirewall firewall = new FakeFirewall();
        firewall.isolation = NetworkIsolation.unavailable(why);
        return firewall;
    }

    @Override
    public NetworkIsolation isolation() {
        return isolation;
    }

    @Override
    public Opening open(String hostInterface, InetAddress address, int port) {
        if (openFailure != null) {
            throw openFailure;
        }
        String opening = hostInterface + " " + address.getHostAddress() + ":" + port;
        open.add(opening);
        everOpened.add(opening);
        return () -> open.remove(opening);
    }
}
