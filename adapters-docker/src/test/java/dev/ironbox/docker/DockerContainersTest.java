package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.SeccompProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerContainersTest {

    private static ContainerSpec.Builder spec() {
        return ContainerSpec.builder().name("ironbox-1").image("localhost/ironbox/busybox:1").command(List.of("true"))
                .workingDir("/").user("1000:1000").readOnlyRootfs(true).addCapDrop("ALL").noNewPrivileges(true)
                .memoryBytes(1 << 20).memorySwapBytes(1 << 20).nanoCpus(1).pidsLimit(8).init(true).networkMode("none");
    }

    @Test
    void theSpecsSeccompProfileGoesInlineAndTheEngineKeepsNoLog() {
        HostConfig host = DockerContainers.hostConfig(spec().build());
        assertThat(host.getSecurityOpts())
                .containsExactly("seccomp=" + SeccompProfile.ironbox().json(), "no-new-privileges");
        assertThat(host.getLogConfig().getType()).isEqualTo(LogConfig.LoggingType.NONE);
    }

    @Test
    void anotherProfileIsPassedAsGiven() {
        SeccompProfile other = new SeccompProfile("{\"defaultAction\":\"SCMP_ACT_ERRNO\"}");
        HostConfig host = DockerContainers.hostConfig(spec().seccompProfile(other).noNewPrivileges(false).build());
        assertThat(host.getSecurityOpts()).containsExactly("seccomp={\"defaultAction\":\"SCMP_ACT_ERRNO\"}");
    }

    @Test
    void anOpenStandardInputIsKeptOpenUntilTheFirstAttachEndsWithoutATty() {
        CreateContainerCmd open = DockerContainers.configure(command(), spec().openStdin(true).build());
        assertThat(open.isStdinOpen()).isTrue();
        assertThat(open.isStdInOnce()).isTrue();
        assertThat(open.isTty()).isFalse();
    }

    @Test
    void byDefaultTheStandardInputIsClosedAsBefore() {
        CreateContainerCmd closed = DockerContainers.configure(command(), spec().build());
        assertThat(closed.isStdinOpen()).isFalse();
        assertThat(closed.isStdInOnce()).isNull();
        assertThat(closed.isAttachStdin()).isFalse();
        assertThat(closed.isTty()).isFalse();
    }

    private static CreateContainerCmd command() {
        // never executed: only the command's fields are read
        return new CreateContainerCmdImpl(command -> {
            throw new AssertionError("not sent");
        }, null, "localhost/ironbox/busybox:1");
    }
}
