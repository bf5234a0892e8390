package dev.ironbox.archrules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
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
            List.of("dev.ironbox.docker..", "dev.ironbox.podman..", "dev.ironbox.kubernetes..", "dev.ironbox.egress..",
                    "dev.ironbox.cli..", "dev.ironbox.mcp..", "dev.ironbox.app..");

    /** The stream code the Docker and Podman adapters share (upgrade connection, frames, timeouts). */
    public static final String ENGINE_STREAMS = "dev.ironbox.enginestreams..";

    /**
     * Top-level Ironbox packages that are not adapters: cliapp (the executable) wires the CLI to app; adapters may
     * use {@code enginestreams}.
     */
    private static final Set<String> NOT_ADAPTERS = Set.of("core", "app", "cliapp", "archrules", "enginestreams");

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

    /**
     * The shared engine stream code uses only core, the JDK and the SLF4J API: no adapter, no engine client, so that
     * sharing it never couples one adapter to another.
     */
    public static final ArchRule ENGINE_STREAMS_ARE_SHARED_INFRASTRUCTURE = classes()
            .that().resideInAPackage(ENGINE_STREAMS)
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.slf4j..", CORE, ENGINE_STREAMS)
            .as("the shared engine stream code depends only on core, the JDK and the SLF4J API");

    /** The command line is a driving adapter: it reaches engines only through core's ports. */
    public static final ArchRule CLI_IS_ENGINE_NEUTRAL = noClasses()
            .that().resideInAPackage("dev.ironbox.cli..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.ironbox.docker..", "dev.ironbox.podman..", "dev.ironbox.kubernetes..",
                    "dev.ironbox.egress..", "dev.ironbox.app..", "com.github.dockerjava..", "io.fabric8..",
                    "org.eclipse.jetty..")
            .as("the CLI does not depend on an engine adapter or the composition root");

    /**
     * The MCP server is a driving adapter like the command line: it reaches engines only through core's ports, and
     * never sees the command line, the composition root or the executable (which wires it).
     */
    public static final ArchRule MCP_IS_ENGINE_NEUTRAL = noClasses()
            .that().resideInAPackage("dev.ironbox.mcp..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.ironbox.docker..", "dev.ironbox.podman..", "dev.ironbox.kubernetes..",
                    "dev.ironbox.egress..", "dev.ironbox.nftables..", "dev.ironbox.app..", "dev.ironbox.cliapp..",
                    "dev.ironbox.cli..", "picocli..", "com.github.dockerjava..", "io.fabric8..",
                    "org.eclipse.jetty..")
            .as("the MCP server does not depend on an engine adapter, the command line or the composition root");

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

    /**
     * What core exports to the other modules: its model, errors and ports, the interrupt-safe helpers the adapters
     * share, the settings the command line and the Java API share, and the entry points the composition root builds ({@code SandboxService}, the environment-variable
     * {@code SecretResolverPort}, the host-isolation report). Everything else in core is internal.
     */
    public static final List<String> CORE_API_PACKAGES = List.of("dev.ironbox.core.model..",
            "dev.ironbox.core.error..", "dev.ironbox.core.port..", "dev.ironbox.core.concurrent..",
            "dev.ironbox.core.settings..");

    /** The entry-point classes of core outside {@link #CORE_API_PACKAGES}. */
    public static final List<String> CORE_ENTRY_POINTS = List.of("dev.ironbox.core.sandbox.SandboxService",
            "dev.ironbox.core.egress.EnvironmentSecrets", "dev.ironbox.core.egress.HostIsolation",
            // the Kubernetes adapter writes the workspace it feeds a pod as ironbox cp does: one tar format, one
            // walk of a host tree that no link can redirect
            "dev.ironbox.core.tar.TarWriter", "dev.ironbox.core.host.PinnedDirectory");

    /** core's packages ({@code model}, {@code port}, {@code run}, {@code session}, ...) form no dependency cycle. */
    public static final ArchRule CORE_PACKAGES_ARE_FREE_OF_CYCLES = SlicesRuleDefinition.slices()
            .matching("dev.ironbox.core.(**)")
            .should().beFreeOfCycles()
            .as("core's packages form no cycle");

    /** Modules outside core use only core's API: {@link #CORE_API_PACKAGES} and {@link #CORE_ENTRY_POINTS}. */
    public static final ArchRule ONLY_CORE_API_OUTSIDE_CORE = noClasses()
            .that().resideOutsideOfPackage(CORE)
            .should().dependOnClassesThat(DescribedPredicate.describe("are core internals",
                    (JavaClass target) -> target.getPackageName().startsWith("dev.ironbox.core.")
                            && !isCoreApi(target)))
            .as("modules outside core use only core's API (model, error, port, concurrent, settings and the entry points)");

    private IronboxArchitecture() {}

    private static boolean isCoreApi(JavaClass target) {
        String name = target.getName();
        String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        return CORE_ENTRY_POINTS.contains(outer) || CORE_API_PACKAGES.stream()
                .map(pattern -> pattern.substring(0, pattern.length() - 2))
                .anyMatch(api -> target.getPackageName().equals(api) || target.getPackageName().startsWith(api + "."));
    }

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
