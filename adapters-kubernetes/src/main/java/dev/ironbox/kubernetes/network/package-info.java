/**
 * Internal: NetworkPolicies — the default deny for Ironbox's pods, and a networked run's way to its proxy.
 */
package dev.ironbox.kubernetes.network;
