package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ImageUnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime whose images come from elsewhere (Kubernetes: the cluster's registries) refuses {@code image build}
 * through its ImagePort; the command line prints that one line and exits 125, closing the sandbox.
 */
class ImageRefusedByRuntimeTest {

    private static final String REFUSAL = "image build and host-tools images are not available on Kubernetes: images "
            + "come from the cluster's registries (push it, or load it into kind/k3s/minikube)";

    @TempDir
    Path cwd;

    @Test
    void theRuntimesRefusalIsOneLineAndExit125() {
        ScriptedSandboxes factory = new ScriptedSandboxes();
        factory.runtime("kubernetes").build = progress -> {
            throw new ImageUnavailableException(REFUSAL);
        };
        CapturedCli cli = new CapturedCli(factory, cwd);

        int code = cli.execute("image", "build", "--runtime", "kubernetes", "--rootfs", ".", "--tag",
                "localhost/mytools:1");

        assertThat(code).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(cli.err()).isEqualTo("ironbox: " + REFUSAL + "\n");
        assertThat(cli.out()).isEmpty();
        assertThat(factory.openSandboxes).isZero();
    }
}
