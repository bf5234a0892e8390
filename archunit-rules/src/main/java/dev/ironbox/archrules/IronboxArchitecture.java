package dev.ironbox.archrules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import java.util.Set;

/**
 * Ironbox's architecture as ArchUnit rules. Apply them in one line per test class:
 * {@code IronboxArchitecture.CORE_IS_PURE.check(IronboxArchitecture.productionClasses("dev.ironbox"))}.
 * A third-party adapter applies {@link #ADAPTERS_ARE_INDEPENDENT} and {@link #adapterIsIndependent(String)}.
 */
public final class IronboxArchitecture {

    /** Packages of the pure domain. */
    public static final String CORE = "dev.ironbox.core..";

    /** Ironbox's own adapters and its composition root, which no (other) adapter may use. */
    private static final List<String> BUILT_IN_ADAPTERS =
            List.of("dev.ironbox.docker..", "dev.ironbox.podman..", "dev.ironbox.egress..", "dev.ironbox.cli..",
                    "dev.ironbox.app..");

    /** Top-level Ironbox packages that are not adapters: cliapp (the executable) wires the CLI to app. */
    private static final Set<String> NOT_ADAPTERS = Set.of("core", "app", "cliapp", "archrules");

    /** core depends only on the JDK, the Immutables annotations, the SLF4J API and itself. */
    public static final ArchRule CORE_IS_PURE = classes()
            .that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.annotation..", "org.immutables..", "org.slf4j..", CORE)
            .as("core depends only on the JDK, Immutables and the SLF4J API")
            .because("core is the pure domain; infrastructure belongs in adapters");

    /** Ports speak only core and JDK types: no engine, HTTP or JSON type in a port signature. */
    public static final ArchRule PORTS_SPEAK_CORE_TYPES = classes()
            .that().resideInAPackage("dev.ironbox.core.port..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CORE)
            .as("ports speak only core and JDK types");

    /** No adapter ({@code dev.ironbox.X} other than core, app and archrules) depends on another. */
    public static final ArchRule ADAPTERS_ARE_INDEPENDENT = SlicesRuleDefinition.slices()
            .assignedFrom(new AdapterSlices())
            .should().notDependOnEachOther()
            .as("Ironbox adapters do not depend on each other");

    /** The command line is a driving adapter: it reaches engines only through core's ports. */
    public static final ArchRule CLI_IS_ENGINE_NEUTRAL = noClasses()
            .that().resideInAPackage("dev.ironbox.cli..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.ironbox.docker..", "dev.ironbox.podman..", "dev.ironbox.egress..",
                    "dev.ironbox.app..", "com.github.dockerjava..", "org.eclipse.jetty..")
            .as("the CLI does not depend on an engine adapter or the composition root");

    /** Nothing but the composition root, and the executable built on it, may depend on it. */
    public static final ArchRule ONLY_APP_SEES_APP = noClasses()
            .that().resideOutsideOfPackages("dev.ironbox.app..", "dev.ironbox.cliapp..")
            .should().dependOnClassesThat().resideInAPackage("dev.ironbox.app..")
            .as("only the composition root and the executable depend on the composition root");

    /**
     * The embedding API never reaches the command line: an application that embeds Ironbox gets no CLI parser.
     * What both share about settings lives in core ({@code dev.ironbox.core.settings}).
     */
    public static final ArchRule APP_NEVER_SEES_CLI = noClasses()
            .that().resideInAPackage("dev.ironbox.app..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ironbox.cli..", "picocli..")
            .as("the composition root (app) never imports the command line (dev.ironbox.cli, picocli)");

    /** The command line never reaches the composition root: only the executable (cliapp) sees both. */
    public static final ArchRule CLI_NEVER_SEES_APP = noClasses()
            .that().resideInAPackage("dev.ironbox.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ironbox.app..", "dev.ironbox.cliapp..")
            .as("the command line (dev.ironbox.cli) never imports the composition root or the executable");

    private IronboxArchitecture() {}

    /**
     * For a third-party adapter in {@code adapterPackage} (e.g. {@code "com.acme.ironbox.lxc.."}): it may use core,
     * but no Ironbox adapter and not the composition root.
     */
    public static ArchRule adapterIsIndependent(String adapterPackage) {
        String[] others = BUILT_IN_ADAPTERS.stream()
                .filter(other -> !other.equals(adapterPackage))
                .toArray(String[]::new);
        return noClasses()
                .that().resideInAPackage(adapterPackage)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .as("adapter " + adapterPackage + " depends on no other adapter");
    }

    /** The production classes (no tests, no jars) under {@code packages}. */
    public static JavaClasses productionClasses(String... packages) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(packages);
    }

    /** One slice per adapter package: {@code dev.ironbox.docker}, {@code dev.ironbox.podman}, ... */
    private static final class AdapterSlices implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith("dev.ironbox.")) {
                return SliceIdentifier.ignore();
            }
            String top = name.substring("dev.ironbox.".length()).split("\\.")[0];
            return NOT_ADAPTERS.contains(top) ? SliceIdentifier.ignore() : SliceIdentifier.of(top);
        }

        @Override
        public String getDescription() {
            return "Ironbox adapters";
        }
    }
}
