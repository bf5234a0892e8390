/**
 * Running one command: {@code RunResources} creates the container (and its network) behind {@code CreationGate},
 * {@code ContainerRun} and {@code ExecRunner} run it and collect output ({@code OutputCapture}, {@code StreamCapture},
 * {@code LiveOutput}, {@code Utf8}) into a result ({@code Results}); {@code ExecKiller} ends an exec's processes at
 * the deadline; {@code StartFailures} maps a start failure to exit 126/127. Host I/O: {@code HostCommandRunner} only
 * (the {@code host} runtime: a process on this host).
 */
package dev.ironbox.core.run;
