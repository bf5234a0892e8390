package dev.ironbox.app;

import dagger.Lazy;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.RuntimeDiagnosis;
import dev.ironbox.core.model.RuntimesReport;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.core.egress.HostIsolation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code ironbox doctor}: probes every installed runtime, one after the other, and closes each. Thread-safe. */
final class RuntimeDoctor implements DiagnoseRuntimesUseCase {

    private final Lazy<RuntimeRegistry> registry;
    private final SelectRuntimeUseCase selection;
    private final HostFirewallPort firewall;
    private final RuntimeSettingsLookup settings;

    /** Probes every runtime without settings of its own. */
    RuntimeDoctor(Lazy<RuntimeRegistry> registry, SelectRuntimeUseCase selection, HostFirewallPort firewall) {
        this(registry, selection, firewall, RuntimeSettingsLookup.NONE);
    }

    /** @param settings each runtime's own settings, as a run would connect with them */
    RuntimeDoctor(Lazy<RuntimeRegistry> registry, SelectRuntimeUseCase selection, HostFirewallPort firewall,
            RuntimeSettingsLookup settings) {
        this.registry = registry;
        this.selection = selection;
        this.firewall = firewall;
        this.settings = settings;
    }

    @Override
    public RuntimesReport diagnose() {
        List<RuntimeDiagnosis> runtimes;
        Set<String> autoCandidates;
        try {
            List<ContainerRuntimeProvider> providers = registry.get().providers();
            runtimes = providers.stream().map(this::diagnose).toList();
            autoCandidates = providers.stream().filter(RuntimeConnector::chosenByAuto)
                    .map(ContainerRuntimeProvider::id).collect(Collectors.toSet());
        } catch (IronboxException e) {
            return new RuntimesReport(List.of(), Optional.empty(), Optional.of(e.getMessage()), Optional.empty(),
                    Optional.empty());
        }
        // auto takes the first usable runtime it may pick, but never passes over one whose endpoint was named
        // (RuntimeConnector)
        Optional<String> auto = runtimes.stream().filter(d -> autoCandidates.contains(d.id()))
                .filter(RuntimeDiagnosis::stopsAuto).findFirst()
                .filter(RuntimeDiagnosis::usable).map(RuntimeDiagnosis::id);
        Optional<RuntimeChoice> configured;
        Optional<String> problem = Optional.empty();
        try {
            configured = Optional.of(selection.select(Optional.empty()));
        } catch (IronboxException e) {
            configured = Optional.empty();
            problem = Optional.of(e.getMessage());
        }
        Optional<String> pick = configured.flatMap(choice -> choice.isAuto() ? auto
                : runtimes.stream().filter(d -> d.usable() && d.id().equals(choice.runtime()))
                        .map(RuntimeDiagnosis::id).findFirst());
        return new RuntimesReport(runtimes, configured, problem, auto, pick);
    }

    /**
     * Connects with the runtime's own settings, probes, looks for the default image and at how networked sandboxes
     * are kept from the host, reads the engine's notes, disconnects; any failure becomes the reason. Creates nothing
     * on the engine.
     */
    RuntimeDiagnosis diagnose(ContainerRuntimeProvider provider) {
        return probe(provider).withNamedEndpoint(RuntimeConnector.namedEndpoint(provider));
    }

    private RuntimeDiagnosis probe(ContainerRuntimeProvider provider) {
        try (ContainerRuntime runtime = provider.create(settings.of(provider.id()))) {
            EngineInfo engine = runtime.engine().probe();
            boolean image = runtime.images().exists(SandboxSettings.DEFAULT_IMAGE);
            return RuntimeDiagnosis.reached(provider.id(), provider.priority(), engine, EngineChecks.problem(engine),
                    image, HostIsolation.of(runtime, firewall)).withNotes(runtime.engine().notes());
        } catch (RuntimeException e) {
            return RuntimeDiagnosis.unreachable(provider.id(), provider.priority(), RuntimeConnector.reason(e));
        }
    }
}
