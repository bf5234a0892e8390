package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.image.BusyboxRootfs;
import dev.ironbox.core.label.SandboxUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ironbox image build | host-tools | ls}, then {@code run --image}, in-process on the real engines (Docker and
 * Podman). Every image a test makes has a unique tag and is removed afterwards.
 */
class ImageCliIT {

    /** World-readable, unlike a JUnit temp dir (0700), so the sandbox user can enter it. */
    private static final Path WORKSPACE = Path.of("target", "image-cli-it-workspace").toAbsolutePath();

    private final InProcessCli cli = new InProcessCli(WORKSPACE);
    private final List<String[]> imagesMade = new ArrayList<>();
    private final List<Path> filesMade = new ArrayList<>();

    @BeforeAll
    static void workspace() throws Exception {
        Files.createDirectories(WORKSPACE);
    }

    @AfterEach
    void removeTheImagesAndCheckNoContainerIsLeft() throws Exception {
        imagesMade.forEach(made -> EngineImages.remove(made[0], made[1]));
        for (Path path : filesMade) {
            delete(path);
        }
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void hostToolsGivesTheSandboxTheHostsCurlOffline(String engine) throws Exception {
        String tag = uniqueTag(engine, "host-tools");

        InProcessCli.Outcome built = cli.ironbox("image", "host-tools", "--tag", tag, "--runtime", engine);
        made(engine, tag);

        assertThat(built.code()).as(built.toString()).isZero();
        assertThat(built.out()).isEqualTo(tag + "\n");
        assertThat(built.err()).as("no progress when not on a terminal").isEmpty();

        InProcessCli.Outcome curl = cli.ironbox("run", "--runtime", engine, "--image", tag, "--", "curl", "--version");
        assertThat(curl.code()).as(curl.toString()).isZero();
        assertThat(curl.out()).startsWith("curl ").contains("Protocols:");

        InProcessCli.Outcome listed = cli.ironbox("image", "ls", "--json", "--runtime", engine);
        assertThat(listed.code()).as(listed.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(listed.out());
        assertThat(json.get("runtime").asText()).isEqualTo(engine);
        JsonNode image = image(json, tag);
        assertThat(image).as("image ls lists " + tag + ": " + listed.out()).isNotNull();
        assertThat(image.get("hostTools").asBoolean()).isTrue();
        assertThat(image.get("id").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void aRootfsDirectoryOrTarBecomesAnImageThatRuns(String engine) throws Exception {
        String unique = engine + "-" + UUID.randomUUID();
        Path tar = Files.write(WORKSPACE.resolve("rootfs-" + unique + ".tar"), BusyboxRootfs.buildTar());
        Path dir = WORKSPACE.resolve("rootfs-" + unique);
        filesMade.add(tar);
        filesMade.add(dir);
        extract(tar, dir);
        String fromDir = uniqueTag(engine, "from-dir");
        String fromTar = uniqueTag(engine, "from-tar");

        InProcessCli.Outcome dirBuilt = cli.ironbox("image", "build", "--rootfs", dir.toString(), "--tag", fromDir,
                "--runtime", engine);
        made(engine, fromDir);
        InProcessCli.Outcome tarBuilt = cli.ironbox("image", "build", "--rootfs", WORKSPACE.relativize(tar).toString(),
                "--tag", fromTar, "--runtime", engine);
        made(engine, fromTar);

        assertThat(dirBuilt.code()).as(dirBuilt.toString()).isZero();
        assertThat(dirBuilt.out()).isEqualTo(fromDir + "\n");
        assertThat(tarBuilt.code()).as(tarBuilt.toString()).isZero();
        assertThat(tarBuilt.out()).isEqualTo(fromTar + "\n");
        for (String image : List.of(fromDir, fromTar)) {
            InProcessCli.Outcome ran = cli.ironbox("run", "--runtime", engine, "--image", image, "--",
                    "sh", "-c", "echo hello from $(id -u)");
            assertThat(ran.code()).as(image + ": " + ran).isZero();
            assertThat(ran.out()).isEqualTo("hello from " + SandboxUser.current().uid() + "\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void aBadTagOrANonTarFileIsOneErrorLineAndLeavesNoImage(String engine) throws Exception {
        Path notATar = Files.writeString(WORKSPACE.resolve("notes.txt"), "just some text, not an archive\n");
        filesMade.add(notATar);
        String goodTag = uniqueTag(engine, "never");

        InProcessCli.Outcome badTag = cli.ironbox("image", "build", "--rootfs", notATar.toString(), "--tag",
                "Not A/Valid:Tag!", "--runtime", engine);
        InProcessCli.Outcome badRootfs = cli.ironbox("image", "build", "--rootfs", "notes.txt", "--tag", goodTag,
                "--runtime", engine);
        made(engine, goodTag);

        assertThat(badTag.code()).isEqualTo(125);
        assertThat(badTag.err().lines()).hasSize(1);
        assertThat(badTag.err()).startsWith("ironbox: ").contains("Not A/Valid:Tag!");
        assertThat(badRootfs.code()).isEqualTo(125);
        assertThat(badRootfs.err().lines()).hasSize(1);
        assertThat(badRootfs.err()).startsWith("ironbox: ").contains("notes.txt");
        assertThat(badRootfs.out()).isEmpty();
        assertThat(EngineImages.exists(engine, goodTag)).as("no image from a failed build").isFalse();
    }

    private void made(String engine, String tag) {
        imagesMade.add(new String[] {engine, tag});
    }

    private static String uniqueTag(String engine, String name) {
        return "localhost/ironbox-it/" + name + "-" + engine + "-" + UUID.randomUUID().toString().substring(0, 8)
                + ":1";
    }

    private static JsonNode image(JsonNode json, String tag) {
        for (JsonNode image : json.get("images")) {
            for (JsonNode reference : image.get("tags")) {
                if (reference.asText().equals(tag)) {
                    return image;
                }
            }
        }
        return null;
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    /** Unpacks with the host's tar, so the directory is as a user would have it (test setup, not code under test). */
    private static void extract(Path tar, Path dir) throws Exception {
        Files.createDirectories(dir);
        Process process = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
