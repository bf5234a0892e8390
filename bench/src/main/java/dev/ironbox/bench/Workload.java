package dev.ironbox.bench;

import java.util.List;

/**
 * The commands every way runs: {@code true} (the sandbox's own overhead) and one that prints 1 MiB (the output
 * path). Each way checks that it received exactly {@link #stdoutBytes()}, so a way that drops output cannot look fast.
 */
enum Workload {
    TRUE("`true`", List.of("true"), 0),
    ONE_MIB("1 MiB out", List.of("sh", "-c", "head -c 1048576 /dev/zero | tr '\\0' a"), 1L << 20);

    private final String label;
    private final List<String> argv;
    private final long stdoutBytes;

    Workload(String label, List<String> argv, long stdoutBytes) {
        this.label = label;
        this.argv = argv;
        this.stdoutBytes = stdoutBytes;
    }

    String label() {
        return label;
    }

    List<String> argv() {
        return argv;
    }

    long stdoutBytes() {
        return stdoutBytes;
    }

    /** Fails the sample when a way got the wrong exit code or output size. */
    void check(String way, int exitCode, long bytes) {
        if (exitCode != 0) {
            throw new IllegalStateException(way + " exited " + exitCode);
        }
        if (bytes != stdoutBytes) {
            throw new IllegalStateException(way + " received " + bytes + " bytes of stdout, expected " + stdoutBytes);
        }
    }
}
