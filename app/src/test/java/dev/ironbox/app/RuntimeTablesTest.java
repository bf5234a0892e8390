package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.app.ConfigFile.Origin;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.EngineNote;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.RuntimeSettings;
import dev.ironbox.core.model.RuntimesReport;
import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.HostFirewallPort;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime's own table ({@code [cluster]} here, as {@code [kubernetes]}): checked against its provider's keys with
 * file and line, held back from an untrusted project, passed to the provider on connecting; and {@code auto} never
 * taking a runtime that is not chosen by auto.
 */
class RuntimeTablesTest {

    private static final HostFirewallPort FIREWALL = new HostFirewallPort() {
        @Override
        public NetworkIsolation isolation() {
            return NetworkIsolation.enforced("a test firewall");
        }

        @Override
        public Opening open(String hostInterface, InetAddress address, int port) {
            throw new UnsupportedOperationException();
        }
    };

    @TempDir
    Path dir;

    private final TomlConfigReader reader = new TomlConfigReader(new RuntimeTables(() -> Map.of(
            "cluster", Set.of("namespace", "schedule-timeout", "ephemeral-storage", "dry"), "docker", Set.of())));

    private Path write(String name, String toml) throws Exception {
        return Files.writeString(dir.resolve(name), toml);
    }

    @Test
    void aRuntimesTableIsReadAsTextWithTheFileAndLineOfEachKey() throws Exception {
        Path file = write("config.toml", "runtime = \"cluster\"\n\n[cluster]\nnamespace = \"sandboxes\"\n"
                + "ephemeral-storage = 2048\ndry = true\n");

        RuntimeSettings settings = reader.read(new ConfigFile(file, Origin.NAMED)).runtimeSettings("cluster");

        assertThat(settings.values()).containsExactlyInAnyOrderEntriesOf(Map.of("namespace", "sandboxes",
                "ephemeral-storage", "2048", "dry", "true"));
        assertThat(settings.sourceOf("namespace")).isEqualTo(" (set by " + file + ", line 4)");
        assertThat(settings.sourceOf("dry")).isEqualTo(" (set by " + file + ", line 6)");
        assertThat(reader.read(new ConfigFile(file, Origin.NAMED)).runtimeSettings("other"))
                .isEqualTo(RuntimeSettings.NONE);
    }

    @Test
    void anUnknownKeyOrAWrongTypeIsNamedWithFileAndLine() throws Exception {
        Path typo = write("typo.toml", "[cluster]\nnamespace = \"a\"\nnamespce = \"b\"\n");
        Path list = write("list.toml", "[cluster]\n\nnamespace = [\"a\"]\n");
        Path none = write("none.toml", "[docker]\nhost = \"x\"\n");

        assertThatThrownBy(() -> reader.read(new ConfigFile(typo, Origin.NAMED)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown key 'cluster.namespce' in " + typo + ", line 3; the [cluster] table takes: dry, "
                        + "ephemeral-storage, namespace, schedule-timeout");
        assertThatThrownBy(() -> reader.read(new ConfigFile(list, Origin.NAMED)))
                .hasMessage("key 'cluster.namespace' in " + list + ", line 3 must be a string, a number or a "
                        + "boolean, not an array");
        assertThatThrownBy(() -> reader.read(new ConfigFile(none, Origin.NAMED)))
                .hasMessageStartingWith("unknown key 'docker.host' in " + none + ", line 2; the [docker] table "
                        + "takes: nothing");
    }

    @Test
    void aTableOfNoInstalledRuntimeIsAnUnknownKeyAsBefore() throws Exception {
        Path file = write("config.toml", "[nowhere]\nnamespace = \"a\"\n");

        assertThatThrownBy(() -> reader.read(new ConfigFile(file, Origin.NAMED)))
                .hasMessageStartingWith("unknown key 'nowhere.namespace' in " + file + "; known keys: runtime, ");
    }

    @Test
    void anUntrustedProjectMayNotChangeARuntimesTableUntilTrusted() throws Exception {
        Path user = write("config.toml", "[cluster]\nnamespace = \"mine\"\nschedule-timeout = \"1m\"\n");
        Path project = write("ironbox.toml", "[cluster]\nnamespace = \"theirs\"\nschedule-timeout = \"1m\"\n");
        List<ConfigFileContent> contents = List.of(reader.parse(new ConfigFile(user, Origin.USER)),
                reader.parse(new ConfigFile(project, Origin.PROJECT)));

        IronboxConfig untrusted = ConfigLayers.merge(contents, (location, sha256) -> false, dir);

        assertThat(untrusted.project().orElseThrow().tableKeysNeedingTrust())
                .as("the same value as the user's needs no trust").containsOnlyKeys("cluster.namespace");
        assertThatThrownBy(() -> untrusted.runtimeSettings("cluster"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("./ironbox.toml sets cluster.namespace = theirs but is not trusted; review it, then run "
                        + "'ironbox config trust' to apply it ('ironbox config show' lists what it would change)");
        assertThat(untrusted.reviewed().runtimeSettings("cluster").value("namespace")).as("config show")
                .contains("mine");
        assertThat(untrusted.runtimeSettings("docker")).as("another runtime's table").isEqualTo(RuntimeSettings.NONE);
        RuntimeSettings trusted = ConfigLayers.merge(contents, (location, sha256) -> true, dir)
                .runtimeSettings("cluster");
        assertThat(trusted.value("namespace")).contains("theirs");
        assertThat(trusted.sourceOf("namespace")).isEqualTo(" (set by " + project + ", line 2)");
    }

    @Test
    void anUntrustedProjectMayNotPickARuntimeAutoNeverWould() throws Exception {
        Path project = write("ironbox.toml", "runtime = \"cluster\"\n");
        List<ConfigFileContent> contents = List.of(reader.parse(new ConfigFile(project, Origin.PROJECT)));

        IronboxConfig cluster = ConfigLayers.merge(contents, (location, sha256) -> false, dir, "docker"::equals);
        IronboxConfig anyByAuto = ConfigLayers.merge(contents, (location, sha256) -> false, dir, id -> true);

        assertThat(cluster.project().orElseThrow().needingTrust()).containsOnlyKeys(ConfigKey.RUNTIME);
        assertThat(cluster.runtime()).as("not applied: auto stays").isEmpty();
        assertThat(anyByAuto.runtime()).as("a runtime auto could pick anyway").contains("cluster");
    }

    @Test
    void connectingByIdPassesTheFilesTableWithTheBuildersOverIt() throws Exception {
        Path file = write("config.toml", "[cluster]\nnamespace = \"file\"\nschedule-timeout = \"1m\"\n");
        StubProvider cluster = StubProvider.working("cluster", 10).notChosenByAuto().taking("namespace",
                "schedule-timeout");
        ConfigSource config = new ConfigSource(Map.of(), dir, ConfigLocation.of(file), reader);
        RuntimeSettingsLookup lookup = RuntimeSettingsLookup.of(config, new BuilderRuntimeSettings(
                new RuntimeSettings(Map.of("namespace", "code"), Map.of("namespace", "IronboxBuilder"))));
        RuntimeRegistry registry = new RuntimeRegistry(List.of(cluster));

        try (ContainerRuntime runtime = new RuntimeConnector(() -> registry, lookup).connect("cluster")) {
            assertThat(runtime.id()).isEqualTo("cluster");
        }

        RuntimeSettings given = cluster.settingsGiven.get(0);
        assertThat(given.values()).isEqualTo(Map.of("namespace", "code", "schedule-timeout", "1m"));
        assertThat(given.sourceOf("namespace")).isEqualTo(" (set by IronboxBuilder)");
        assertThat(given.sourceOf("schedule-timeout")).isEqualTo(" (set by " + file + ", line 3)");
    }

    @Test
    void aSettingTheRuntimeDoesNotTakeIsRefusedNamingWhereItWasSet() {
        StubProvider docker = StubProvider.working("docker", 100);
        RuntimeRegistry registry = new RuntimeRegistry(List.of(docker));
        RuntimeSettingsLookup lookup = id -> new RuntimeSettings(Map.of("namespace", "a"),
                Map.of("namespace", "IronboxBuilder"));

        assertThatThrownBy(() -> new RuntimeConnector(() -> registry, lookup).connect("docker"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown setting 'namespace' for runtime docker (set by IronboxBuilder); it takes: none");
    }

    @Test
    void autoNeverTakesARuntimeThatIsNotChosenByAuto() {
        StubProvider cluster = StubProvider.working("cluster", 200).notChosenByAuto();
        StubProvider docker = StubProvider.unreachable("docker", 100, "no Docker engine answered");
        RuntimeRegistry registry = new RuntimeRegistry(List.of(cluster, docker));

        assertThatThrownBy(() -> new RuntimeConnector(() -> registry).connect("auto"))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no container runtime is available; tried: docker: no Docker engine answered");
        assertThat(cluster.events).as("not even connected").isEmpty();
        try (ContainerRuntime runtime = new RuntimeConnector(() -> registry).connect("cluster")) {
            assertThat(runtime.id()).as("by its id").isEqualTo("cluster");
        }
    }

    @Test
    void theDoctorShowsARuntimeNotChosenByAutoWithItsNotesButAutoWouldNotUseIt() {
        StubProvider cluster = StubProvider.working("cluster", 200).notChosenByAuto()
                .noting(EngineNote.info("namespace sandboxes"), EngineNote.warning("NetworkPolicy needs a CNI"));
        StubProvider docker = StubProvider.working("docker", 100);
        RuntimeRegistry registry = new RuntimeRegistry(List.of(cluster, docker));

        RuntimesReport report = new RuntimeDoctor(() -> registry,
                requested -> new RuntimeChoice("auto", RuntimeChoice.DEFAULT), FIREWALL).diagnose();

        assertThat(report.runtimes().get(0).id()).isEqualTo("cluster");
        assertThat(report.runtimes().get(0).usable()).isTrue();
        assertThat(report.runtimes().get(0).notes()).containsExactly(EngineNote.info("namespace sandboxes"),
                EngineNote.warning("NetworkPolicy needs a CNI"));
        assertThat(report.autoPick()).contains("docker");
        assertThat(report.configuredPick()).contains("docker");
    }
}
