package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The bom ({@code bom/pom.xml}) stays complete and usable: it lists every published module of the reactor at the
 * reactor's version, and a consumer that imports it gets versions for Ironbox's artifacts (checked by running Maven
 * offline on a small consumer project, in a reactor with the bom, as a consumer's build would see it).
 */
class BomTest {

    /**
     * Modules not in the bom: the third-party-style test runtime, the bom itself, and the executable (cli-app: its
     * shaded jar is run, never depended on), and the benchmarks (bench: built only with -Pbench, run by
     * scripts/bench.sh).
     */
    private static final List<String> UNPUBLISHED =
            List.of("ironbox-fixture-runtime", "ironbox-bom", "ironbox-cli-app", "ironbox-bench");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path BOM = ROOT.resolve("bom");

    @TempDir
    Path consumerDir;

    @Test
    void theBomListsEveryPublishedModuleAtTheReactorsVersion() throws Exception {
        Document root = parse(ROOT.resolve("pom.xml"));
        Document bom = parse(BOM.resolve("pom.xml"));

        assertThat(child(bom.getDocumentElement(), "parent"))
                .as("no parent: importing it must not bring ironbox-parent's third-party pins").isEmpty();
        assertThat(text(bom.getDocumentElement(), "packaging")).isEqualTo("pom");
        assertThat(text(bom.getDocumentElement(), "artifactId")).isEqualTo("ironbox-bom");
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(root.getDocumentElement(), "version"));

        List<String> published = new ArrayList<>();
        for (String module : texts(child(root.getDocumentElement(), "modules").orElseThrow(), "module")) {
            String artifactId = text(parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId");
            if (!UNPUBLISHED.contains(artifactId)) {
                published.add(artifactId);
            }
        }
        List<String> managed = new ArrayList<>();
        Element dependencies = child(child(bom.getDocumentElement(), "dependencyManagement").orElseThrow(),
                "dependencies").orElseThrow();
        for (Element dependency : elements(dependencies, "dependency")) {
            assertThat(text(dependency, "groupId")).isEqualTo("dev.ironbox");
            assertThat(text(dependency, "version")).isEqualTo("${project.version}");
            String type = child(dependency, "type").map(Node::getTextContent).orElse("jar");
            managed.add(text(dependency, "artifactId") + (type.equals("jar") ? "" : ":" + type));
        }
        published.add("ironbox-core:test-jar");
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void aConsumerImportingTheBomGetsTheVersions() throws Exception {
        String version = text(parse(BOM.resolve("pom.xml")).getDocumentElement(), "version");
        Files.writeString(consumerDir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId><artifactId>bom-check</artifactId><version>1</version>
                  <packaging>pom</packaging>
                  <modules><module>%s</module><module>consumer</module></modules>
                </project>
                """.formatted(consumerDir.relativize(BOM)));
        Path consumer = Files.createDirectories(consumerDir.resolve("consumer"));
        Files.writeString(consumer.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId><artifactId>consumer</artifactId><version>1</version>
                  <packaging>pom</packaging>
                  <dependencyManagement><dependencies><dependency>
                    <groupId>dev.ironbox</groupId><artifactId>ironbox-bom</artifactId><version>%s</version>
                    <type>pom</type><scope>import</scope>
                  </dependency></dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>dev.ironbox</groupId><artifactId>ironbox-app</artifactId></dependency>
                    <dependency><groupId>dev.ironbox</groupId><artifactId>ironbox-core</artifactId>
                      <type>test-jar</type><scope>test</scope></dependency>
                    <dependency><groupId>dev.ironbox</groupId><artifactId>ironbox-archunit-rules</artifactId>
                      <scope>test</scope></dependency>
                  </dependencies>
                </project>
                """.formatted(version));

        // validate builds every model (a missing version fails it) and needs no plugin and no download
        Process maven = new ProcessBuilder(maven(), "-B", "-o", "-q", "validate")
                .directory(consumerDir.toFile()).redirectErrorStream(true).start();
        maven.getOutputStream().close();
        String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(maven.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(maven.exitValue()).as(output).isZero();
    }

    /** The Maven running this build ({@code maven.home}, {@code MAVEN_HOME}), else {@code mvn} on the PATH. */
    private static String maven() throws IOException {
        Optional<String> home = Optional.ofNullable(System.getProperty("maven.home"))
                .or(() -> Optional.ofNullable(System.getenv("MAVEN_HOME")));
        if (home.isPresent() && Files.isExecutable(Path.of(home.get(), "bin", "mvn"))) {
            return Path.of(home.get(), "bin", "mvn").toString();
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        try (Stream<String> dirs = Stream.of(path.split(File.pathSeparator))) {
            return dirs.map(dir -> Path.of(dir, "mvn")).filter(Files::isExecutable).findFirst()
                    .map(Path::toString)
                    .orElseThrow(() -> new IOException("no mvn found (maven.home, MAVEN_HOME, PATH=" + path + ")"));
        }
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static Optional<Element> child(Element parent, String name) {
        return elements(parent, name).stream().findFirst();
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        return child(parent, name).orElseThrow(() -> new AssertionError("no <" + name + ">")).getTextContent().strip();
    }

    private static List<String> texts(Element parent, String name) {
        return elements(parent, name).stream().map(e -> e.getTextContent().strip()).toList();
    }
}
