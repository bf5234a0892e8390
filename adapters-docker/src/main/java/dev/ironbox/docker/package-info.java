/**
 * Ironbox's runtime ports on a Docker engine, through docker-java. {@link dev.ironbox.docker.DockerRuntime} is the one
 * public entry point; everything else is package-private, one small class per port.
 */
package dev.ironbox.docker;
