package dev.ironbox.cliapp;

import dev.ironbox.cli.VersionProvider;

/**
 * The {@code ironbox} executable. {@code ironbox --version} answers before anything else is built (command line,
 * composition root, logging): a start that loads only what the command uses.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (VersionProvider.asksForVersionOnly(args)) {
            VersionProvider.printTo(System.out);
            System.out.flush();
            return;
        }
        int code = CliComponent.forThisProcess().commandLine().execute(args);
        System.out.flush();
        System.exit(code);
    }
}
