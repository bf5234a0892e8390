package dev.ironbox.cliapp;

import dagger.Module;
import dagger.Provides;
import dev.ironbox.cli.AssistantServer;
import dev.ironbox.cli.IronboxCli;
import dev.ironbox.cli.VersionProvider;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.settings.ConfigTrust;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.RunEgress;
import dev.ironbox.mcp.IronboxMcpServer;
import picocli.CommandLine;

/**
 * The {@code ironbox} command line over the use cases: its options default to the config files' {@code [run]} and
 * {@code [session]} values, its network flags add to the files' {@code [network]} tables, its {@code config}
 * commands show and change the trust in a project's file, and {@code mcp} serves the MCP server of
 * {@code adapters-mcp}.
 */
@Module
interface CliModule {

    @Provides
    static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection,
            DiagnoseRuntimesUseCase doctor, RunEgress egress, RunConfiguration config, ConfigTrust trust,
            CliContext context) {
        return IronboxCli.commandLine(factory, selection, doctor, egress, config, trust, mcpServer(), context);
    }

    /**
     * {@code ironbox mcp}'s server. {@link IronboxMcpServer} (and the MCP SDK behind it) is named only in the lambda's
     * body, so the JVM loads it when {@code mcp} serves, never for another command.
     */
    private static AssistantServer mcpServer() {
        return (sandbox, terms, in, out) -> IronboxMcpServer.serve(sandbox, terms, in, out, VersionProvider.version());
    }
}
