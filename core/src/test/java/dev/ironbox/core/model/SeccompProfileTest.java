package dev.ironbox.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {

    @Test
    void ironboxsProfileIsReadOnceFromCoreAndIsEveryContainersDefault() {
        SeccompProfile profile = SeccompProfile.ironbox();
        assertThat(profile).isSameAs(SeccompProfile.ironbox());
        assertThat(profile.json()).startsWith("{").contains("\"defaultAction\": \"SCMP_ACT_ERRNO\"")
                .contains("moby/profiles seccomp v0.2.3");
        ContainerSpec spec = ContainerSpec.builder().name("n").image("i").workingDir("/").user("1000:1000")
                .readOnlyRootfs(true).noNewPrivileges(true).memoryBytes(1).memorySwapBytes(1).nanoCpus(1)
                .pidsLimit(1).init(true).networkMode("none").command(List.of("true")).build();
        assertThat(spec.seccompProfile()).isSameAs(profile);
    }

    @Test
    void itsNameIsTheSha256OfItsContent() {
        assertThat(new SeccompProfile("{}").sha256())
                .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        assertThat(SeccompProfile.ironbox().sha256()).hasSize(64).isNotEqualTo(new SeccompProfile("{}").sha256());
        assertThat(SeccompProfile.ironbox().toString()).isEqualTo(
                "SeccompProfile[sha256=" + SeccompProfile.ironbox().sha256() + "]");
    }

    @Test
    void aProfileIsAJsonObject() {
        assertThatThrownBy(() -> new SeccompProfile("unconfined")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a seccomp profile is a JSON object");
    }
}
