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

/** {@code ironbox doctor}: probes every installed runtime, one after the other, and closes each. Thread-safe. */
final class RuntimeDoctor implements DiagnoseRuntimesUseCase {

    private final Lazy<RuntimeRegistry> registry;
    private final SelectRuntimeUseCase selection;
    private final HostFirewallPort firewall;

    RuntimeDoctor(Lazy<RuntimeRegistry> registry, SelectRuntimeUseCase selection, HostFirewallPort firewall) {
        this.registry = registry;
        this.selection = selection;
        this.firewall = firewall;
    }

    @Override
    public RuntimesReport diagnose() {
        List<RuntimeDiagnosis> runtimes;
        try {
            runtimes = registry.get().providers().stream().map(this::diagnose).toList();
        } catch (IronboxException e) {
            return new RuntimesReport(List.of(), Optional.empty(), Optional.of(e.getMessage()), Optional.empty(),
                    Optional.empty());
        }
        // auto takes the first usable runtime, but never passes over one whose endpoint was named (RuntimeConnector)
        Optional<String> auto = runtimes.stream().filter(RuntimeDiagnosis::stopsAuto).findFirst()
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
     * Connects, probes, looks for the default image and at how networked sandboxes are kept from the host,
     * disconnects; any failure becomes the reason.
     */
    RuntimeDiagnosis diagnose(ContainerRuntimeProvider provider) {
        return probe(provider).withNamedEndpoint(RuntimeConnector.namedEndpoint(provider));
    }

    private RuntimeDiagnosis probe(ContainerRuntimeProvider provider) {
        try (ContainerRuntime runtime = provider.create()) {
            EngineInfo engine = runtime.engine().probe();
            boolean image = runtime.images().exists(SandboxSettings.DEFAULT_IMAGE);
            return RuntimeDiagnosis.reached(provider.id(), provider.priority(), engine, EngineChecks.problem(engine),
                    image, HostIsolation.of(runtime, firewall));
        } catch (RuntimeException e) {
            return RuntimeDiagnosis.unreachable(provider.id(), provider.priority(), RuntimeConnector.reason(e));
        }
    }
}
