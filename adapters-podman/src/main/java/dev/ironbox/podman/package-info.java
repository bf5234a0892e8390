/**
 * Ironbox's runtime ports on Podman's native libpod REST API (Podman 4.0 or later), over its unix socket.
 * {@link dev.ironbox.podman.PodmanRuntime} is the one public entry point and
 * {@link dev.ironbox.podman.PodmanRuntimeProvider} makes it selectable; everything else is package-private: one
 * typed HTTP client ({@code LibpodClient}) and one small class per port.
 */
package dev.ironbox.podman;
