package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientRangeTest {

    @Test
    void aNetworkRangeHoldsOnlyItsOwnAddresses() throws Exception {
        ClientRange range = new ClientRange(InetAddress.getByName("172.18.0.1").getAddress(), 16);
        assertThat(range.contains(InetAddress.getByName("172.18.5.9"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("172.19.0.2"))).as("another run's network").isFalse();
        ClientRange narrow = new ClientRange(InetAddress.getByName("10.89.3.1").getAddress(), 20);
        assertThat(narrow.contains(InetAddress.getByName("10.89.15.200"))).isTrue();
        assertThat(narrow.contains(InetAddress.getByName("10.89.16.1"))).isFalse();
    }

    @Test
    void aLoopbackListenerServesLoopbackClientsOnly() throws Exception {
        ClientRange range = ClientRange.of(InetAddress.getByName("127.0.0.2"));
        assertThat(range.contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
    }

    @Test
    void anAddressNoInterfaceHoldsIsRefused() {
        assertThatThrownBy(() -> ClientRange.of(InetAddress.getByName("203.0.113.77")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("203.0.113.77");
    }
}
