/**
 * Ironbox's runtime ports on Podman's native libpod REST API. Empty until the Podman issue: the module exists so
 * the architecture (and its rules) are in place from the start.
 */
package dev.ironbox.podman;
