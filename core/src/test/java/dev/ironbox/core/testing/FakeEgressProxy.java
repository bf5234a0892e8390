package dev.ironbox.core.testing;

import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.port.out.EgressProxyPort;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An egress proxy for core unit tests: records each lease (address, policy, secrets) and plays back events. */
public final class FakeEgressProxy implements EgressProxyPort {

    /** A self-signed test CA (EC P-256, valid for a century); no key is kept anywhere. */
    public static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBmTCCAT+gAwIBAgIUJSLcAi8YPJfV+f89OvUFzO1nm1EwCgYIKoZIzj0EAwIw
            ITEfMB0GA1UEAwwWSXJvbmJveCB0ZXN0IGVncmVzcyBDQTAgFw0yNjExMjgwNTUx
            MzJaGA8yMTI2MTEwNDA1NTEzMlowITEfMB0GA1UEAwwWSXJvbmJveCB0ZXN0IGVn
            cmVzcyBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGrYRS3IiGSDGGL5PKhm
            2nIaaD9rDzYekPcLHaK5AoeasUCkXdFFXZtQWr8jUCBej7xpJ3jErPcBt9KZ8UgN
            VbyjUzBRMB0GA1UdDgQWBBSnC9wpBF8B3iUV68KOzpT9OBmTSDAfBgNVHSMEGDAW
            gBSnC9wpBF8B3iUV68KOzpT9OBmTSDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49
            BAMCA0gAMEUCIQCcSL3nQJYgayo1u1MdQgAt6+YoTu0We6hDW15T6y+H8wIgSJAc
            sGDPtQTpWxCsYTDTW+pP9isAG1om9IN0d3OKhEk=
            -----END CERTIFICATE-----
            """;

    public final List<FakeLease> leases = new CopyOnWriteArrayList<>();
    public final List<String> log;
    public String caPem;
    public List<NetworkEvent> events = List.of();
    public RuntimeException openFailure;
    public Error openError;
    public boolean closed;

    public FakeEgressProxy(List<String> log) {
        this.log = log;
    }

    @Override
    public synchronized EgressLease open(InetAddress listenAddress, EgressPolicy policy, Map<String, String> secrets) {
        if (openFailure != null) {
            throw openFailure;
        }
        if (openError != null) {
            throw openError;
        }
        FakeLease lease = new FakeLease(listenAddress, policy, Map.copyOf(secrets), 3128 + leases.size());
        leases.add(lease);
        log.add("open lease " + lease.port);
        return lease;
    }

    @Override
    public void close() {
        closed = true;
    }

    public final class FakeLease implements EgressLease {

        public final InetAddress address;
        public final EgressPolicy policy;
        public final Map<String, String> secrets;
        final int port;
        public volatile boolean closed;

        FakeLease(InetAddress address, EgressPolicy policy, Map<String, String> secrets, int port) {
            this.address = address;
            this.policy = policy;
            this.secrets = secrets;
            this.port = port;
        }

        @Override
        public URI proxyUri() {
            return URI.create("http://" + address.getHostAddress() + ":" + port);
        }

        @Override
        public Optional<String> caCertificatePem() {
            return Optional.ofNullable(caPem);
        }

        @Override
        public List<NetworkEvent> events() {
            return events;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                log.add("close lease " + port);
            }
        }
    }
}
