package dev.ironbox.app;

/** {@code ironbox mcp} on Podman, through the MCP Java SDK's client over stdio. */
class McpServerPodmanIT extends McpServerContract {

    @Override
    public String runtime() {
        return "podman";
    }
}
