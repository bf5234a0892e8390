package dev.ironbox.app;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The installed runtimes: every {@link ContainerRuntimeProvider} on the classpath, in {@code auto}'s order (priority,
 * highest first, then id). Like SLF4J's provider lookup, a broken or ambiguous classpath is reported once, clearly,
 * naming the classes and the jars they came from. Immutable; connects to nothing.
 */
final class RuntimeRegistry {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Comparator<ContainerRuntimeProvider> AUTO_ORDER =
            Comparator.comparingInt(ContainerRuntimeProvider::priority).reversed()
                    .thenComparing(ContainerRuntimeProvider::id);

    private final List<ContainerRuntimeProvider> providers;

    /** @throws InvalidConfigurationException for an invalid, reserved or duplicate id */
    RuntimeRegistry(List<ContainerRuntimeProvider> providers) {
        Map<String, ContainerRuntimeProvider> byId = new HashMap<>();
        for (ContainerRuntimeProvider provider : providers) {
            String id = provider.id();
            if (id == null || !ID.matcher(id).matches() || id.equals(RuntimeChoice.AUTO)) {
                throw new InvalidConfigurationException("runtime provider " + describe(provider) + " has the id '"
                        + id + "'; an id is lowercase letters, digits and '-', and not 'auto'");
            }
            ContainerRuntimeProvider other = byId.putIfAbsent(id, provider);
            if (other != null) {
                throw new InvalidConfigurationException("two runtime providers have the id '" + id + "': "
                        + describe(other) + " and " + describe(provider)
                        + "; remove one of them from the classpath");
            }
        }
        this.providers = providers.stream().sorted(AUTO_ORDER).toList();
    }

    /**
     * The providers registered in {@code META-INF/services} on the classpath that loaded Ironbox.
     *
     * @throws InvalidConfigurationException when a provider cannot be loaded, or ids are invalid or taken twice
     */
    static RuntimeRegistry fromServiceLoader() {
        List<ContainerRuntimeProvider> found = new ArrayList<>();
        try {
            ServiceLoader.load(ContainerRuntimeProvider.class, ContainerRuntimeProvider.class.getClassLoader())
                    .forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new InvalidConfigurationException("a runtime provider on the classpath cannot be loaded: "
                    + e.getMessage(), e);
        }
        return new RuntimeRegistry(found);
    }

    /** The providers in {@code auto}'s order. */
    List<ContainerRuntimeProvider> providers() {
        return providers;
    }

    /** The provider ids, in {@code auto}'s order. */
    List<String> ids() {
        return providers.stream().map(ContainerRuntimeProvider::id).toList();
    }

    /** What configuration accepts: {@code auto}, then every provider id. */
    List<String> selectableIds() {
        return Stream.concat(Stream.of(RuntimeChoice.AUTO), ids().stream()).toList();
    }

    Optional<ContainerRuntimeProvider> find(String id) {
        return providers.stream().filter(provider -> provider.id().equals(id)).findFirst();
    }

    /**
     * @param source where {@code id} came from, added to the message when it is not the caller's own choice
     * @throws InvalidConfigurationException naming the known ids when {@code id} is neither {@code auto} nor installed
     */
    void requireSelectable(String id, Optional<String> source) {
        if (!selectableIds().contains(id)) {
            throw new InvalidConfigurationException("unknown runtime '" + id + "'; known runtimes: "
                    + String.join(", ", selectableIds()) + source.map(s -> " (set by " + s + ")").orElse(""));
        }
    }

    /** {@code com.acme.Provider (from /path/acme.jar)}. */
    private static String describe(ContainerRuntimeProvider provider) {
        Class<?> type = provider.getClass();
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return type.getName() + (source == null || source.getLocation() == null ? ""
                : " (from " + source.getLocation().getPath() + ")");
    }
}
