package dev.ironbox.app;

import dagger.Lazy;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.error.MessageText;
import dev.ironbox.core.model.NamedEndpoint;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a runtime by id. {@code auto} tries the installed runtimes by priority and takes the first that answers and
 * can enforce every limit; when none can, it fails once, listing each runtime tried and why (as testcontainers'
 * strategies do). A runtime whose endpoint the user named ({@code DOCKER_HOST}, ...) is never passed over: when it
 * cannot be used, {@code auto} fails naming it. Thread-safe.
 */
final class RuntimeConnector {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConnector.class);

    private final Lazy<RuntimeRegistry> registry;
    private final RuntimeSettingsLookup settings;

    /** Connects every runtime without settings of its own. */
    RuntimeConnector(Lazy<RuntimeRegistry> registry) {
        this(registry, RuntimeSettingsLookup.NONE);
    }

    /** @param settings each runtime's own settings, passed to its provider ({@code [kubernetes]}) */
    RuntimeConnector(Lazy<RuntimeRegistry> registry, RuntimeSettingsLookup settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /**
     * Connects runtime {@code id} (or {@code auto}) with its own settings; the caller closes the runtime. {@code auto}
     * never takes a runtime that is not {@link ContainerRuntimeProvider#chosenByAuto() chosen by auto} (a cluster).
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the id is unknown, or a setting of its own is
     *     unknown or invalid
     * @throws EngineUnavailableException when its engine (with {@code auto}: every engine) cannot be used
     */
    ContainerRuntime connect(String id) {
        RuntimeRegistry runtimes = registry.get();
        if (RuntimeChoice.AUTO.equals(id)) {
            return connectFirstUsable(runtimes.providers());
        }
        runtimes.requireSelectable(id, Optional.empty());
        return runtimes.find(id).orElseThrow().create(settings.of(id));
    }

    private ContainerRuntime connectFirstUsable(List<ContainerRuntimeProvider> providers) {
        List<String> tried = new ArrayList<>();
        for (ContainerRuntimeProvider provider : providers) {
            if (!chosenByAuto(provider)) {
                continue;
            }
            ContainerRuntime runtime = null;
            String failure;
            try {
                runtime = provider.create(settings.of(provider.id()));
                Optional<String> problem = EngineChecks.problem(runtime.engine().probe());
                if (problem.isEmpty()) {
                    LOG.debug("auto: using runtime {}", provider.id());
                    return runtime;
                }
                failure = problem.get();
            } catch (RuntimeException e) {
                failure = reason(e);
            }
            closeQuietly(runtime);
            Optional<NamedEndpoint> named = namedEndpoint(provider);
            if (named.isPresent()) {
                throw new EngineUnavailableException(namedButUnusable(provider.id(), named.get(), failure));
            }
            tried.add(provider.id() + ": " + failure);
        }
        throw new EngineUnavailableException("no container runtime is available; tried: "
                + (tried.isEmpty() ? "none (no runtime provider on the classpath)" : String.join("; ", tried)));
    }

    /**
     * Why {@code auto} stops at a runtime whose endpoint was named: the user asked for that engine (as the
     * {@code docker} CLI, which fails on a dead {@code DOCKER_HOST}), so taking the next runtime would silently run
     * their command somewhere they did not ask for.
     */
    static String namedButUnusable(String id, NamedEndpoint named, String failure) {
        return "auto: runtime " + id + " cannot be used: " + failure + "; " + named.source() + " names its engine, "
                + "so auto does not try another runtime (fix or unset " + named.source() + ", or choose one with "
                + "--runtime)";
    }

    /** Whether {@code auto} may take the provider; a third-party provider's failure here counts as yes. */
    static boolean chosenByAuto(ContainerRuntimeProvider provider) {
        try {
            return provider.chosenByAuto();
        } catch (RuntimeException e) {
            LOG.warn("runtime provider {} failed to say whether auto may pick it: {}", provider.id(), reason(e));
            return true;
        }
    }

    /** The provider's named endpoint; a third-party provider's failure here counts as none named. */
    static Optional<NamedEndpoint> namedEndpoint(ContainerRuntimeProvider provider) {
        try {
            return provider.namedEndpoint();
        } catch (RuntimeException e) {
            LOG.warn("runtime provider {} failed to say whether its endpoint was named: {}", provider.id(),
                    reason(e));
            return Optional.empty();
        }
    }

    private static void closeQuietly(ContainerRuntime runtime) {
        if (runtime != null) {
            try {
                runtime.close();
            } catch (RuntimeException e) {
                LOG.debug("closing runtime {} failed", runtime.id(), e);
            }
        }
    }

    /** One line: Ironbox's own messages as they are; a third-party provider's bug with its type. */
    static String reason(RuntimeException e) {
        String text = e instanceof IronboxException && e.getMessage() != null ? e.getMessage() : e.toString();
        return MessageText.oneLine(text); // linear: a reason may be an engine's megabyte
    }
}
