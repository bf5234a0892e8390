package dev.ironbox.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import org.junit.jupiter.api.Test;

class HostGatewayTest {

    @Test
    void aLoopbackAddressIsLocalAndATestNetAddressIsNot() {
        assertThat(HostGateway.requireLocal("n", "127.0.0.1").getHostAddress()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> HostGateway.requireLocal("n", "198.51.100.7"))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining("198.51.100.7 of network n is not an address of this host");
        assertThatThrownBy(() -> HostGateway.requireLocal("n", "gateway.example"))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining("no IPv4 gateway");
    }
}
