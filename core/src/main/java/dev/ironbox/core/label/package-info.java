/**
 * The labels Ironbox puts on what it creates and the identities they record: {@link
 * dev.ironbox.core.label.OwnerLabels} (managed, policy, owner pid, start and place), {@code SessionLabels}, {@code
 * OwnerPlace} (boot id and pid namespace), {@code ProcessStartTicks}, {@link dev.ironbox.core.label.SandboxUser} (the
 * uid:gid sandboxes run as). Host I/O: {@code OwnerLabels} (ProcessHandle), {@code OwnerPlace}, {@code
 * ProcessStartTicks} and {@code SandboxUser} (each reads {@code /proc}); {@code SessionLabels} does none.
 */
package dev.ironbox.core.label;
