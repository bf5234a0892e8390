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
     * <p>Beyond the fields, two rules hold for every container:
     * <ul>
     *   <li>its processes run under {@link ContainerSpec#seccompProfile()} — never the engine's own default profile,
     *       which differs between engines;</li>
     *   <li>the engine keeps no log of the container's output on the host (Docker's log driver {@code none},
     *       Podman's {@code none}). Its output reaches Ironbox only through {@link LogCollectionPort#follow} and
     *       {@link ExecPort}, bounded by what Ironbox keeps; an engine log would store all of it, and a sandbox that
     *       floods its output would fill the host's disk. So nothing may read the output back from the engine's log
     *       later.</li>
     * </ul>
     *
     * @throws ContainerFailureException when the engine refuses the spec, or a field cannot be applied
     */
    ContainerId create(ContainerSpec spec);
}
