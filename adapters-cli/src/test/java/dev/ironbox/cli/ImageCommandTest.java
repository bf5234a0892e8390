package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ImageSummary;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandTest {

    @TempDir
    Path cwd;

    private final ScriptedSandboxes factory = new ScriptedSandboxes();
    private CapturedCli cli;

    @BeforeEach
    void setUp() {
        factory.runtime("docker");
        factory.runtime("podman");
        cli = new CapturedCli(factory, cwd);
    }

    @Test
    void buildImportsTheRootfsResolvedAgainstTheWorkingDirectoryAndPrintsTheStoredReference() {
        factory.runtime("docker").build = progress -> "localhost/mytools:latest";

        int code = cli.execute("image", "build", "--rootfs", "sub/../rootfs.tar", "--tag", "localhost/mytools");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(factory.calls).containsExactly("open docker",
                "build docker " + cwd.resolve("rootfs.tar") + " localhost/mytools");
        assertThat(cli.out()).isEqualTo("localhost/mytools:latest\n");
        assertThat(factory.openSandboxes).as("sandboxes left open").isZero();
    }

    @Test
    void progressIsQuietWhenNotOnATerminal() {
        factory.runtime("podman").build = progress -> {
            progress.update(512, OptionalLong.of(1024));
            progress.update(1024, OptionalLong.of(1024));
            return "localhost/t:1";
        };

        // under Surefire System.console() is null: the default detection says "not a terminal"
        int code = cli.execute("image", "build", "--rootfs", ".", "--tag", "localhost/t:1", "--runtime", "podman");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(factory.calls).contains("build podman " + cwd + " localhost/t:1");
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out()).isEqualTo("localhost/t:1\n");
    }

    @Test
    void progressIsDrawnOnOneLineOnATerminal() {
        factory.runtime("docker").build = progress -> {
            progress.update(1 << 20, OptionalLong.of(4 << 20));
            return "localhost/t:1";
        };

        int code = cli.execute(c -> ImageCommand.commandLine(c.factory, c.selection, c.context, () -> true),
                "image", "host-tools", "--tag", "localhost/t:1");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(factory.calls).contains("host-tools docker localhost/t:1");
        assertThat(cli.err()).isEqualTo("\rimporting host-tools image: 1.0 MiB of 4.0 MiB (25%)\n");
        assertThat(cli.out()).as("the reference alone on stdout").isEqualTo("localhost/t:1\n");
    }

    @Test
    void aBadTagIsOneErrorLineExit125AndTheSandboxIsClosed() {
        factory.runtime("docker").build = progress -> {
            throw new InvalidConfigurationException("the engine refused 'localhost/refused:1'");
        };

        int code = cli.execute("image", "build", "--rootfs", ".", "--tag", "localhost/refused:1");

        assertThat(code).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(cli.err()).isEqualTo("ironbox: the engine refused 'localhost/refused:1'\n");
        assertThat(cli.out()).isEmpty();
        assertThat(factory.openSandboxes).isZero();
    }

    @Test
    void aMalformedTagIsRefusedBeforeAnyEngineIsOpened() {
        for (String[] command : new String[][] {{"image", "build", "--rootfs", ".", "--tag", "Bad Tag"},
                {"image", "host-tools", "--tag", "a/".repeat(5000)}}) {
            CapturedCli fresh = new CapturedCli(factory, cwd);
            assertThat(fresh.execute(command)).isEqualTo(ExitCodes.IRONBOX_FAILURE);
            assertThat(fresh.err()).startsWith("ironbox: '").contains("is not a valid image reference")
                    .hasLineCount(1);
        }
        assertThat(factory.calls).isEmpty();
    }

    @Test
    void anErrorAfterProgressEndsTheProgressLineFirst() {
        factory.runtime("docker").build = progress -> {
            progress.update(10, OptionalLong.empty());
            throw new InvalidConfigurationException("--rootfs x.txt: neither a directory nor a tar archive");
        };

        int code = cli.execute(c -> ImageCommand.commandLine(c.factory, c.selection, c.context, () -> true),
                "image", "build", "--rootfs", "x.txt", "--tag", "t");

        assertThat(code).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(cli.err()).isEqualTo("\rimporting x.txt: 10 B\n"
                + "ironbox: --rootfs x.txt: neither a directory nor a tar archive\n");
    }

    @Test
    void missingOptionsAndAMissingSubcommandAreUsageErrors() {
        assertThat(cli.execute("image", "build", "--rootfs", ".")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(cli.err()).startsWith("ironbox: Missing required option: '--tag=REF'");

        assertThat(cli.execute("image")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(cli.err()).contains("ironbox: missing a subcommand: build, host-tools or ls");
        assertThat(factory.calls).isEmpty();
    }

    @Test
    void lsShowsEveryReferenceWithItsKind() {
        Instant now = Instant.now();
        factory.runtime("docker").images = List.of(
                new ImageSummary("sha256:0123456789abcdef0123", List.of("localhost/ironbox/busybox:1"),
                        now.minus(3, ChronoUnit.HOURS), 1_200_000, Map.of()),
                new ImageSummary("sha256:fedcba9876543210fedc", List.of("localhost/tools:1", "localhost/tools:2"),
                        now.minus(2, ChronoUnit.DAYS), 4096, Map.of("dev.ironbox.host-tools", "true")),
                new ImageSummary("sha256:aaaa", List.of(), now, 10, Map.of()));

        assertThat(cli.execute("image", "ls")).as(cli.err()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out().lines().toList()).containsExactly(
                "REFERENCE                     IMAGE ID       CREATED   SIZE      KIND",
                "localhost/ironbox/busybox:1   0123456789ab   3h        1.1 MiB",
                "localhost/tools:1             fedcba987654   2d        4.0 KiB   host-tools",
                "localhost/tools:2             fedcba987654   2d        4.0 KiB   host-tools",
                "<none>                        aaaa           0s        10 B");
    }

    @Test
    void lsJsonIsOneObject() throws Exception {
        Instant created = Instant.parse("2024-05-01T10:00:00Z");
        factory.runtime("podman").images = List.of(new ImageSummary("sha256:fedcba", List.of("localhost/tools:1"),
                created, 4096, Map.of("dev.ironbox.host-tools", "true")));

        assertThat(cli.execute("image", "ls", "--json", "--runtime", "podman")).as(cli.err()).isZero();
        // the whole output, byte for byte: field names and their order are the CLI contract
        assertThat(cli.out()).isEqualTo(
                "{\"runtime\":\"podman\",\"images\":[{\"id\":\"sha256:fedcba\",\"tags\":[\"localhost/tools:1\"],"
                + "\"created\":\"2024-05-01T10:00:00Z\",\"sizeBytes\":4096,\"hostTools\":true,"
                + "\"labels\":{\"dev.ironbox.host-tools\":\"true\"}}]}"
                + System.lineSeparator());

        assertThat(cli.out().strip().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("runtime").asText()).isEqualTo("podman");
        JsonNode image = json.get("images").get(0);
        assertThat(image.get("id").asText()).isEqualTo("sha256:fedcba");
        assertThat(image.get("tags").toString()).isEqualTo("[\"localhost/tools:1\"]");
        assertThat(image.get("created").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(image.get("sizeBytes").asLong()).isEqualTo(4096);
        assertThat(image.get("hostTools").asBoolean()).isTrue();
        assertThat(image.get("labels").get("dev.ironbox.host-tools").asText()).isEqualTo("true");
    }

    @Test
    void anUnknownRuntimeIsExit125() {
        assertThat(cli.execute("image", "ls", "--runtime", "lxc")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(cli.err()).startsWith("ironbox: unknown runtime 'lxc'");
    }
}
