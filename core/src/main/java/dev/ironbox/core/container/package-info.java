/**
 * What a sandbox container is made of and how its removal is retried: {@link
 * dev.ironbox.core.container.HardenedSpecs} (user, read-only root, no capabilities, limits, labels), {@code
 * IdleWatchdog} (a session's in-container idle timer), {@code ContainerEgress}, {@code ProxyEnvironment} and {@code
 * CaTrustFiles} (what network access adds), {@code Leftovers} (containers and networks whose removal failed). Host
 * I/O: {@code CaTrustFiles} only (writes the CA files bound into the container).
 */
package dev.ironbox.core.container;
