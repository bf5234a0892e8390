package dev.ironbox.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.tar.TarEntries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host-tools image's mount points and the binds its runs get, against a made-up host root. */
class HostToolsTest {

    @TempDir
    Path host;

    @Test
    void theImageHasTheHostsMountPointsAsTheyAreThere() throws Exception {
        mergedUsrHost();
        TarEntries tar = TarEntries.read(HostTools.rootfsTar(host));

        assertThat(tar.get("usr/").isDirectory()).isTrue();
        assertThat(tar.get("bin").getLinkName()).isEqualTo("usr/bin");
        assertThat(tar.get("lib").getLinkName()).isEqualTo("usr/lib");
        assertThat(tar.get("lib64").getLinkName()).isEqualTo("/usr/lib64");
        assertThat(tar.get("sbin/").isDirectory()).as("Docker's init goes in the image's own /sbin").isTrue();
        assertThat(tar.entries()).doesNotContainKeys("sbin", "lib32", "lib32/", "libx32", "libx32/",
                "etc/ca-certificates/", "etc/ssl/openssl.cnf");
        assertThat(tar.get("etc/ssl/certs/").isDirectory()).isTrue();
        assertThat(tar.get("etc/alternatives/").isDirectory()).isTrue();
        assertThat(tar.get("etc/ld.so.cache").isFile()).isTrue();
        assertThat(tar.contents().get("etc/ld.so.cache")).isEmpty();
        assertThat(tar.get("tmp/").getMode() & 07777).isEqualTo(01777);
        assertThat(tar.get("workspace/").isDirectory()).isTrue();
        SandboxUser user = SandboxUser.current();
        assertThat(tar.contents().get("etc/passwd")).contains("root:x:0:0:")
                .contains("sandbox:x:" + user.uid() + ":" + user.gid() + ":sandbox:/tmp:/bin/sh")
                .doesNotContain(":1000:");
        assertThat(tar.contents().get("etc/group")).contains("root:x:0:").contains("sandbox:x:" + user.gid() + ":");
        assertThat(tar.entries().keySet()).noneMatch(name -> name.startsWith("usr/") && !name.equals("usr/"));
    }

    @Test
    void runsGetReadOnlyBindsOfTheRealDirectoriesAndFilesOnly() throws Exception {
        mergedUsrHost();
        List<Mount> binds = HostTools.binds(host);
        assertThat(binds).extracting(Mount::containerPath)
                .containsExactly("/usr", "/etc/ssl/certs", "/etc/alternatives", "/etc/ld.so.cache");
        assertThat(binds).allSatisfy(bind -> {
            assertThat(bind.readOnly()).isTrue();
            assertThat(bind.hostPath()).isEqualTo(host.resolve(bind.containerPath().substring(1)));
        });
    }

    @Test
    void onlyImagesWithTheLabelGetBindsAndNeverPathsNamedByTheImage() {
        assertThat(HostTools.binds(Map.of())).isEmpty();
        assertThat(HostTools.binds(Map.of("dev.ironbox.host-tools.extra", "/root"))).isEmpty();
        List<Mount> binds = HostTools.binds(Map.of(HostTools.LABEL, "/root", "dev.ironbox.bind", "/var/run"));
        assertThat(binds).isEqualTo(HostTools.binds(Path.of("/")));
        List<String> fixed = new ArrayList<>(HostTools.TOP_LEVEL);
        fixed.addAll(HostTools.CONFIGURATION);
        assertThat(binds).extracting(Mount::containerPath).isSubsetOf(fixed);
        assertThat(binds).extracting(Mount::containerPath).contains("/usr");
        assertThat(binds).allSatisfy(bind -> assertThat(Files.isSymbolicLink(bind.hostPath())).isFalse());
    }

    /** Debian's merged /usr: {@code /bin -> usr/bin}; here also an absolute link and a few absent paths. */
    private void mergedUsrHost() throws IOException {
        Files.createDirectories(host.resolve("usr/bin"));
        Files.createDirectories(host.resolve("usr/lib"));
        Files.writeString(host.resolve("usr/bin/tool"), "a tool");
        Files.createSymbolicLink(host.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(host.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(host.resolve("lib64"), Path.of("/usr/lib64"));
        Files.createSymbolicLink(host.resolve("sbin"), Path.of("usr/sbin"));
        Files.createDirectories(host.resolve("etc/ssl/certs"));
        Files.createDirectories(host.resolve("etc/alternatives"));
        Files.writeString(host.resolve("etc/ld.so.cache"), "cache");
    }
}
