package dev.ironbox.core.container;

import dev.ironbox.core.model.Mount;
import java.util.List;
import java.util.Map;

/**
 * What network access adds to a run's container: the network it joins, the variables that point its tools at the
 * egress proxy (and at the CA files), and the CA files bound into it.
 *
 * @param networkMode {@code none}, or the name of the run's internal network
 * @param env proxy variables, credential placeholders and CA variables; they win over the request's own
 * @param binds read-only files (the CA and trust stores)
 */
public record ContainerEgress(String networkMode, Map<String, String> env, List<Mount> binds) {

    /** No network: {@code none}, nothing added. */
    public static final ContainerEgress NONE = new ContainerEgress("none", Map.of(), List.of());

    public ContainerEgress {
        env = Map.copyOf(env);
        binds = List.copyOf(binds);
    }
}
