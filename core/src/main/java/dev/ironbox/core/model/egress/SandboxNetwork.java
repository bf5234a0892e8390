package dev.ironbox.core.model.egress;

import java.net.InetAddress;

/**
 * An internal network Ironbox created for sandboxes: no route out, but the host is reachable at {@code gateway},
 * where the egress proxy listens.
 */
public record SandboxNetwork(String id, String name, InetAddress gateway) {}
