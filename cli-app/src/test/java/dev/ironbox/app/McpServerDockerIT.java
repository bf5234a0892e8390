package dev.ironbox.app;

/** {@code ironbox mcp} on Docker, through the MCP Java SDK's client over stdio. */
class McpServerDockerIT extends McpServerContract {

    @Override
    public String runtime() {
        return "docker";
    }
}
