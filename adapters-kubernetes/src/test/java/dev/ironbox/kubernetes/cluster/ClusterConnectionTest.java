package dev.ironbox.kubernetes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A named context must exist: fabric8 falls back to the current one, which may be another cluster. */
class ClusterConnectionTest {

    private static final String KUBECONFIG = String.join("\n",
            "apiVersion: v1",
            "kind: Config",
            "current-context: prod",
            "clusters:",
            "- name: prod",
            "  cluster: {server: 'https://prod.example:6443'}",
            "- name: dev",
            "  cluster: {server: 'https://dev.example:6443'}",
            "contexts:",
            "- name: prod",
            "  context: {cluster: prod, user: me, namespace: prodns}",
            "- name: dev",
            "  context: {cluster: dev, user: me, namespace: devns}",
            "users:",
            "- name: me",
            "  user: {token: t}",
            "");

    @TempDir
    Path dir;
    private String before;

    @BeforeEach
    void pointTheClientAtATestKubeconfig() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, KUBECONFIG);
        before = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, file.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        } else {
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, before);
        }
    }

    @Test
    void aNamedContextThatExistsIsTaken() {
        Config config = Config.autoConfigure("dev");

        ClusterConnection.requireContext(config, "dev", "KUBECONFIG=x");

        assertThat(config.getMasterUrl()).startsWith("https://dev.example:6443");
    }

    @Test
    void aMisspelledContextIsRefusedNotReplacedByTheCurrentOne() {
        Config config = Config.autoConfigure("dve");

        assertThat(config.getMasterUrl()).as("what fabric8 alone would do").startsWith("https://prod.example:6443");
        assertThatThrownBy(() -> ClusterConnection.requireContext(config, "dve", "KUBECONFIG=x"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("kubernetes.context 'dve' is not a context of KUBECONFIG=x; its contexts: dev, prod");
    }
}
