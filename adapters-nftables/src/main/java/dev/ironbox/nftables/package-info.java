/**
 * The host firewall on nftables: {@link dev.ironbox.nftables.NftablesFirewall} keeps sandboxes with network access
 * from the host's own services. Everything but that class is package-private.
 */
package dev.ironbox.nftables;
