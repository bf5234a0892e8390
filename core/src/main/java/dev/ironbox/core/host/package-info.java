/**
 * Host filesystem primitives that no sandbox can redirect: {@link dev.ironbox.core.host.PinnedDirectory} (a directory
 * held open, entries reached by name relative to it), {@code ProcFd} and {@code OpenFiles} (files through
 * {@code /proc/self/fd}), {@code LinkCheck} (links a sandbox could have made), {@code HostPaths}. Every class here but
 * {@code FileModes} does host I/O; the packages above reach the host filesystem through these.
 */
package dev.ironbox.core.host;
