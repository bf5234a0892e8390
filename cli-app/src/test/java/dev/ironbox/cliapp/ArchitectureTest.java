package dev.ironbox.cliapp;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The whole of Ironbox as the executable sees it (its classpath holds every module): app and the CLI never import
 * each other; only this module sees both; no module uses core's internals.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the test-jars (core's TCK, app's helpers) are on this classpath as jars, which the option above misses
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.ironbox");

    @Test
    void appNeverSeesTheCli() {
        IronboxArchitecture.APP_NEVER_SEES_CLI.check(classes);
    }

    @Test
    void theCliNeverSeesApp() {
        IronboxArchitecture.CLI_NEVER_SEES_APP.check(classes);
    }

    @Test
    void cliIsEngineNeutral() {
        IronboxArchitecture.CLI_IS_ENGINE_NEUTRAL.check(classes);
    }

    @Test
    void onlyAppAndTheExecutableSeeApp() {
        IronboxArchitecture.ONLY_APP_SEES_APP.check(classes);
    }

    @Test
    void adaptersAreIndependent() {
        IronboxArchitecture.ADAPTERS_ARE_INDEPENDENT.check(classes);
    }

    @Test
    void onlyCoresApiIsUsedOutsideCore() {
        // the one classpath with every module, the CLI included
        IronboxArchitecture.ONLY_CORE_API_OUTSIDE_CORE.check(classes);
    }

    @Test
    void coreIsPure() {
        IronboxArchitecture.CORE_IS_PURE.check(classes);
    }
}
