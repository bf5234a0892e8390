/**
 * The workspace a sandbox may write: {@link dev.ironbox.core.workspace.WorkspaceGuard} refuses a workspace that
 * holds or is a protected host directory ({@code ProtectedDirectories}, {@code MountTable}); {@link
 * dev.ironbox.core.workspace.WorkspaceSweep} clears set-id bits and the like a sandbox left in it ({@code SweepRule}).
 * Host I/O: all but {@code SweepRule} ({@code /proc/self/mountinfo}, the host filesystem through {@code host}).
 */
package dev.ironbox.core.workspace;
