/**
 * Internal to Ironbox's Docker and Podman adapters, shared so that each concept is written once: the HTTP-upgrade
 * connection with half-close ({@link dev.ironbox.enginestreams.UpgradedConnection}), the demultiplexer of an
 * attach's or exec's multiplexed stream ({@link dev.ironbox.enginestreams.FrameDemultiplexer}) and deadline
 * arithmetic ({@link dev.ironbox.enginestreams.Timeouts}). Depends on core and the JDK only; not an API.
 */
package dev.ironbox.enginestreams;
