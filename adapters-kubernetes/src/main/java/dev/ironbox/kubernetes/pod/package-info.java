/**
 * Internal: a run as one pod — its spec, its creation, scheduling, the workspace fed in, its output and exit.
 */
package dev.ironbox.kubernetes.pod;
