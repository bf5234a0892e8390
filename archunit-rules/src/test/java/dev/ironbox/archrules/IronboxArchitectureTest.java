package dev.ironbox.archrules;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Each rule must fail on a fixture that breaks it, and pass on one that keeps it. */
class IronboxArchitectureTest {

    private static JavaClasses fixtures(String... packages) {
        return new ClassFileImporter().importPackages(packages);
    }

    @Test
    void coreRuleFailsWhenCoreUsesALibrary() {
        assertThatThrownBy(() -> IronboxArchitecture.CORE_IS_PURE.check(fixtures("dev.ironbox.core.fixture.impure")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyDomain")
                .hasMessageContaining("org.junit.jupiter.api.Assertions");
    }

    @Test
    void coreRulePassesOnPureCode() {
        assertThatCode(() -> IronboxArchitecture.CORE_IS_PURE.check(fixtures("dev.ironbox.core.fixture.pure")))
                .doesNotThrowAnyException();
    }

    @Test
    void adapterRuleFailsWhenOneAdapterUsesAnother() {
        assertThatThrownBy(() -> IronboxArchitecture.ADAPTERS_ARE_INDEPENDENT.check(
                        fixtures("dev.ironbox.docker.fixture", "dev.ironbox.podman.fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DockerThing")
                .hasMessageContaining("PodmanThing");
    }

    @Test
    void adapterRulePassesOnAnAdapterAlone() {
        assertThatCode(() -> IronboxArchitecture.ADAPTERS_ARE_INDEPENDENT.allowEmptyShould(true)
                        .check(fixtures("dev.ironbox.podman.fixture")))
                .doesNotThrowAnyException();
    }

    @Test
    void cliRuleFailsWhenTheCliUsesAnEngineAdapter() {
        assertThatThrownBy(() -> IronboxArchitecture.CLI_IS_ENGINE_NEUTRAL.check(
                        fixtures("dev.ironbox.cli.fixture", "dev.ironbox.docker.fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CliThing");
    }

    @Test
    void thirdPartyRuleFailsWhenTheAdapterUsesABuiltInAdapter() {
        assertThatThrownBy(() -> IronboxArchitecture.adapterIsIndependent("dev.ironbox.cli.fixture..")
                        .check(fixtures("dev.ironbox.cli.fixture", "dev.ironbox.docker.fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CliThing");
    }

    @Test
    void theAdapterRuleAllowsTheAdaptersOwnPackage() {
        assertThatCode(() -> IronboxArchitecture.adapterIsIndependent("dev.ironbox.podman.fixture..")
                        .check(fixtures("dev.ironbox.podman.fixture")))
                .doesNotThrowAnyException();
    }

    @Test
    void appRuleFailsWhenAnAdapterUsesTheCompositionRoot() {
        assertThatThrownBy(() -> IronboxArchitecture.ONLY_APP_SEES_APP.check(
                        fixtures("dev.ironbox.podman.appuser", "dev.ironbox.app.fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachesIntoApp");
        assertThatCode(() -> IronboxArchitecture.ONLY_APP_SEES_APP.check(
                        fixtures("dev.ironbox.app.fixture", "dev.ironbox.podman.fixture")))
                .doesNotThrowAnyException();
    }

    @Test
    void appNeverSeesTheCli() {
        assertThatThrownBy(() -> IronboxArchitecture.APP_NEVER_SEES_CLI.check(
                        fixtures("dev.ironbox.app.cliuser", "dev.ironbox.cli.fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachesIntoCli");
        assertThatCode(() -> IronboxArchitecture.APP_NEVER_SEES_CLI.check(fixtures("dev.ironbox.app.fixture")))
                .doesNotThrowAnyException();
    }

    @Test
    void theCliNeverSeesApp() {
        assertThatThrownBy(() -> IronboxArchitecture.CLI_NEVER_SEES_APP.check(
                        fixtures("dev.ironbox.cli.appuser", "dev.ironbox.app.fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CliReachesIntoApp");
        assertThatCode(() -> IronboxArchitecture.CLI_NEVER_SEES_APP.check(
                        fixtures("dev.ironbox.cli.fixture", "dev.ironbox.docker.fixture")))
                .doesNotThrowAnyException();
    }

    @Test
    void theExecutableMaySeeBoth() {
        assertThatCode(() -> IronboxArchitecture.ONLY_APP_SEES_APP.check(
                        fixtures("dev.ironbox.cliapp.fixture", "dev.ironbox.app.fixture", "dev.ironbox.podman.fixture")))
                .doesNotThrowAnyException();
    }

    @Test
    void portRuleFailsWhenAPortUsesAnotherLibrary() {
        assertThatThrownBy(() -> IronboxArchitecture.PORTS_SPEAK_CORE_TYPES.check(fixtures("dev.ironbox.core.port.fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyPort");
    }

    @Test
    void cycleRuleFailsWhenTwoCorePackagesUseEachOther() {
        assertThatThrownBy(() -> IronboxArchitecture.CORE_PACKAGES_ARE_FREE_OF_CYCLES.check(
                        fixtures("dev.ironbox.core.fixturea", "dev.ironbox.core.fixtureb")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CycleA")
                .hasMessageContaining("CycleB");
    }

    @Test
    void cycleRulePassesOnCorePackagesWithoutACycle() {
        assertThatCode(() -> IronboxArchitecture.CORE_PACKAGES_ARE_FREE_OF_CYCLES.check(
                        fixtures("dev.ironbox.core.fixture.pure", "dev.ironbox.core.port.fixture")))
                .doesNotThrowAnyException();
    }

    @Test
    void adaptersMayShareTheEngineStreamCodeWithoutDependingOnEachOther() {
        JavaClasses both = fixtures("dev.ironbox.docker.streamuser", "dev.ironbox.podman.streamuser",
                "dev.ironbox.enginestreams.fixture");
        assertThatCode(() -> IronboxArchitecture.ADAPTERS_ARE_INDEPENDENT.check(both)).doesNotThrowAnyException();
        assertThatCode(() -> IronboxArchitecture.adapterIsIndependent("dev.ironbox.docker.streamuser..").check(both))
                .doesNotThrowAnyException();
        assertThatCode(() -> IronboxArchitecture.ENGINE_STREAMS_ARE_SHARED_INFRASTRUCTURE.check(both))
                .doesNotThrowAnyException();
    }

    @Test
    void coreApiRuleFailsWhenAnAdapterUsesACoreInternal() {
        assertThatThrownBy(() -> IronboxArchitecture.ONLY_CORE_API_OUTSIDE_CORE.check(
                        fixtures("dev.ironbox.docker.coreuser", "dev.ironbox.core.fixturea")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachesIntoCore")
                .hasMessageContaining("CycleA");
    }

    @Test
    void coreApiRulePassesWhenAnAdapterUsesACorePort() {
        assertThatCode(() -> IronboxArchitecture.ONLY_CORE_API_OUTSIDE_CORE.check(
                        fixtures("dev.ironbox.docker.apiuser", "dev.ironbox.core.port.fixture")))
                .doesNotThrowAnyException();
    }

    @Test
    void engineStreamRuleFailsWhenTheSharedCodeUsesAnAdapter() {
        assertThatThrownBy(() -> IronboxArchitecture.ENGINE_STREAMS_ARE_SHARED_INFRASTRUCTURE.check(
                        fixtures("dev.ironbox.enginestreams.leaky", "dev.ironbox.podman.fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachesIntoAnAdapter")
                .hasMessageContaining("PodmanThing");
    }
}
