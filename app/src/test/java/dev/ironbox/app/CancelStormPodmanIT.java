package dev.ironbox.app;

import java.util.Set;

/** {@link CancelStormContract} on Podman, whose networks have anchor pods ({@code <network>-anchor}). */
class CancelStormPodmanIT extends CancelStormContract {

    @Override
    protected String engine() {
        return "podman";
    }

    @Override
    protected Set<String> anchorPods() {
        return Set.copyOf(EngineCli.lines("podman", "pod", "ls", "--filter", "label=dev.ironbox.network.anchor",
                "--format", "{{.Name}}"));
    }

    @Override
    protected boolean networkExists(String name) {
        return EngineCli.succeeds("podman", "network", "exists", name);
    }

    @Override
    protected void removePod(String name) {
        EngineCli.succeeds("podman", "pod", "rm", "-f", name);
    }
}
