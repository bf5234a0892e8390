/**
 * Ironbox's pure domain. Exports the API — the model, the errors, the ports, the interrupt-safe helpers the adapters
 * share, and the entry points the composition root builds (the sandbox service; the environment secret resolver and
 * host-isolation report in {@code egress}) — and not the capability packages inside.
 */
module dev.ironbox.core {
    requires static org.immutables.value.annotations;
    requires org.slf4j;

    exports dev.ironbox.core.model;
    exports dev.ironbox.core.model.egress;
    exports dev.ironbox.core.error;
    exports dev.ironbox.core.port.in;
    exports dev.ironbox.core.port.out;
    exports dev.ironbox.core.concurrent;
    exports dev.ironbox.core.settings;
    exports dev.ironbox.core.sandbox;
    exports dev.ironbox.core.egress;
    // the Kubernetes adapter feeds a pod the workspace as one tar, walked as ironbox cp walks it (TarWriter,
    // PinnedDirectory only: IronboxArchitecture.CORE_ENTRY_POINTS)
    exports dev.ironbox.core.tar;
    exports dev.ironbox.core.host;

    uses dev.ironbox.core.port.out.ContainerRuntimeProvider;
}
