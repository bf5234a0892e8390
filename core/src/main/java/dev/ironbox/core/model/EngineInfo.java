package dev.ironbox.core.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What an engine said about itself when probed.
 *
 * @param runtimeId the Ironbox runtime id ({@code docker}, {@code podman}, ...)
 * @param version the engine's version
 * @param apiVersion the API version spoken
 * @param endpoint where it was reached, e.g. {@code unix:///var/run/docker.sock}
 * @param socket the local socket file, when the endpoint is one (a workspace must never expose it)
 */
public record EngineInfo(String runtimeId, String version, String apiVersion, String endpoint, Optional<Path> socket) {}
