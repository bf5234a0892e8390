/**
 * Internal: the connection to a cluster (client, namespace, settings) and what the engine port says of it.
 */
package dev.ironbox.kubernetes.cluster;
