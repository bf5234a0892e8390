package dev.ironbox.cli;

import picocli.CommandLine.Option;

/**
 * {@code --allow-unisolated-egress} of the commands that run commands with network access ({@code run},
 * {@code mcp}): a picocli mixin.
 */
final class UnisolatedEgress {

    @Option(names = "--allow-unisolated-egress",
            description = "Run CMD with network access even where the host firewall cannot keep it from the host's "
                    + "own services (not root, no nftables; see 'ironbox doctor'). Without it such a run is refused.")
    boolean allowed;
}
