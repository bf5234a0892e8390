package dev.ironbox.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ironbox.archrules.IronboxArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The whole of Ironbox as app sees it (no command line: its rules run in adapters-cli and cli-app). Unlike
 * {@link IronboxArchitecture#productionClasses}, this also reads the
 * other modules' jars: a module build that does not rebuild them still checks them.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // core's test-jar (the TCK, test doubles) is on this classpath as a jar, which the option above misses
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.ironbox");

    @Test
    void onlyAppSeesApp() {
        IronboxArchitecture.ONLY_APP_SEES_APP.check(classes);
    }

    @Test
    void appNeverSeesTheCli() {
        IronboxArchitecture.APP_NEVER_SEES_CLI.check(classes);
    }

    @Test
    void adaptersAreIndependent() {
        IronboxArchitecture.ADAPTERS_ARE_INDEPENDENT.check(classes);
    }

    @Test
    void coreIsPure() {
        IronboxArchitecture.CORE_IS_PURE.check(classes);
    }

    @Test
    void onlyCoreApiOutsideCore() {
        IronboxArchitecture.ONLY_CORE_API_OUTSIDE_CORE.check(classes);
    }
}
