package dev.ironbox.kubernetes.pod;

/** The names inside an Ironbox pod, written once for the spec, the feed, the attach and the exec. */
public final class PodNames {

    /** The container that runs the command (runs) or the idle watchdog (sessions); exec goes here. */
    public static final String SANDBOX_CONTAINER = "sandbox";
    /** The init container that receives the workspace and other binds as one tar on its standard input. */
    public static final String FEED_CONTAINER = "ironbox-feed";
    /** The emptyDir the feed extracts into; the sandbox mounts its subpaths. */
    public static final String FILES_VOLUME = "ironbox-files";
    /** Where the feed container mounts {@link #FILES_VOLUME}. */
    public static final String FEED_ROOT = "/ironbox";
    /** The subpath of {@link #FILES_VOLUME} holding the workspace (mounted at {@code /workspace}). */
    public static final String WORKSPACE_SUBPATH = "workspace";
    /** The subpath prefix of every other bind: {@code binds/0}, {@code binds/1}, ... */
    public static final String BINDS_SUBPATH = "binds";
    /** The line that releases the gated command. */
    public static final String GO = "go";
    /** The start of a line asking the gate to answer {@link #READY} on its standard output: {@code ping N}. */
    public static final String PING = "ping ";
    /** The gate's answer to {@code ping N}, a whole line on stdout: {@code \036ironbox-ready N}. */
    public static final String READY = "\036ironbox-ready ";

    private PodNames() {}
}
