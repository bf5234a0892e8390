package dev.ironbox.cliapp;

/** The {@code ironbox} executable. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = CliComponent.forThisProcess().commandLine().execute(args);
        System.out.flush();
        System.exit(code);
    }
}
