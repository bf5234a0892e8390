package dev.ironbox.app;

/** The {@code ironbox} executable. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = IronboxComponent.forThisProcess().commandLine().execute(args);
        System.out.flush();
        System.exit(code);
    }
}
