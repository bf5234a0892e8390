package dev.ironbox.core.port.out;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;

/** Creates containers. Thread-safe. */
public interface ContainerCreationPort {

    /**
     * Creates (does not start) a container applying every field of {@code spec}. The caller owns the container and
     * must remove it through {@link ContainerLifecyclePort#remove}.
     *
     * <p>Beyond the fields, a rule holds for every container:
     * <ul>
     *   <li>its processes run under {@link ContainerSpec#seccompProfile()} — never the engine's own default profile,
     *       which differs between engines.</li>
     * </ul>
     *
     * @throws ContainerFailureException when the engine refuses the spec, or a field cannot be applied
     */
    ContainerId create(ContainerSpec spec);
}
