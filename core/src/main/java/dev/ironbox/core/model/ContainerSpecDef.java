package dev.ironbox.core.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Everything an engine needs to create one container, in engine-neutral terms. The sandbox service builds it; an
 * adapter must apply every field or fail — never silently drop one. Two rules hold for every container whatever the
 * spec says: it is never privileged, and the engine keeps no log of its own of the container's output (see
 * {@link dev.ironbox.core.port.out.ContainerCreationPort#create}).
 */
@Value.Immutable
public abstract class ContainerSpecDef {

    /** The container's name; unique per engine ({@code ironbox-<uuid>} for a run, the session's name for a session). */
    public abstract String name();

    /** The image reference, present locally (the service pulls or builds it first). */
    public abstract String image();

    /** The argv to run; never wrapped in a shell by the adapter. */
    public abstract List<String> command();

    /** Environment variables of the command; checked by the service (names valid, no NUL). */
    public abstract Map<String, String> env();

    /** Absolute path inside the container where the command starts ({@code /workspace}). */
    public abstract String workingDir();

    /** {@code uid:gid}. */
    public abstract String user();

    /** Labels on the container; every Ironbox container carries {@code dev.ironbox.managed=true} and its owner. */
    public abstract Map<String, String> labels();

    /** Host paths bind-mounted into the container (the workspace, read-only unless the policy says otherwise). */
    public abstract List<Mount> binds();

    /** Writable in-memory mounts ({@code /tmp}), each with its size limit. */
    public abstract List<TmpfsMount> tmpfs();

    /** Mount the image's root filesystem read-only. */
    public abstract boolean readOnlyRootfs();

    /** Capabilities to drop; {@code ALL} drops every one. */
    public abstract List<String> capDrop();

    /**
     * Capabilities added back. Ironbox's services add none; the seccomp contract (TCK) adds {@code SYS_ADMIN} to show
     * that the profile, not a missing capability, refuses namespace creation, so adapters must apply it.
     */
    public abstract List<String> capAdd();

    /** Set {@code no_new_privs}: setuid binaries and file capabilities grant nothing. */
    public abstract boolean noNewPrivileges();

    /** Memory limit in bytes (positive). */
    public abstract long memoryBytes();

    /** Memory plus swap; equal to {@link #memoryBytes()} means no swap beyond the memory limit. */
    public abstract long memorySwapBytes();

    /** CPU limit in billionths of a core. */
    public abstract long nanoCpus();

    /** Most processes and threads the container may hold (positive). */
    public abstract long pidsLimit();

    /** Run an init process as PID 1 that reaps orphans and forwards signals. */
    public abstract boolean init();

    /** {@code none}, or a network name. */
    public abstract String networkMode();

    /**
     * Have the engine remove the container as soon as it stops (a session that stops itself after its idle TTL is
     * then gone without anyone sweeping). Runs leave this off: the service reads their exit status, then removes them.
     */
    @org.immutables.value.Value.Default
    public boolean autoRemove() {
        return false;
    }

    /**
     * Keep the container's standard input open for {@link dev.ironbox.core.port.out.LogCollectionPort#attachWithInput}
     * (a pooled sandbox reads its command there); no TTY either way. Off: its standard input is empty.
     */
    @Value.Default
    public boolean openStdin() {
        return false;
    }

    /**
     * The seccomp profile the container's processes run under, applied by the engine whatever {@link #capAdd()}
     * says. Default: Ironbox's own ({@link SeccompProfile#ironbox()}), which refuses namespace creation, the kernel
     * keyring, {@code bpf}, {@code userfaultfd} and {@code perf_event_open}; an engine's own default profile is never
     * used instead (Podman's lets a sandbox create a user namespace).
     */
    @Value.Default
    public SeccompProfile seccompProfile() {
        return SeccompProfile.ironbox();
    }
}
