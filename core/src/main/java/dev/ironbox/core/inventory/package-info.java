/**
 * {@code ps} and {@code cleanup}: {@link dev.ironbox.core.inventory.Inventory} lists what Ironbox made and removes
 * what a dead owner left, {@code OwnerLiveness} decides whether an owner lives. Host I/O: {@code OwnerLiveness}
 * (looks the owner process up on this host).
 */
package dev.ironbox.core.inventory;
