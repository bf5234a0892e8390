package dev.ironbox.bench;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;
import dev.ironbox.core.label.SandboxUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The profile every peer gets, the same as Ironbox's run (core's {@code HardenedSpecs} with the default limits):
 * read-only root filesystem, all capabilities dropped, no-new-privileges, the sandbox user, pids/memory/cpu limits,
 * a tmpfs {@code /tmp}, an init process, no network, no log driver, the workspace mounted read-only. The one
 * difference: the peers keep the engine's default seccomp profile (Ironbox sends its own).
 */
record Hardening(Path workspace, String user) {

    static final String IMAGE = "localhost/ironbox/busybox:1";
    static final long MEMORY = 2L << 30;
    static final long PIDS = 512;
    static final String TMPFS_OPTIONS = "rw,nosuid,nodev,noexec,mode=1777,size=536870912";
    /** Every container the peers create carries it (value: the bench's pid), so scripts/bench.sh finds leftovers. */
    static final String LABEL = "dev.ironbox.bench";

    static Hardening forWorkspace(Path workspace) {
        return new Hardening(workspace, SandboxUser.current().spec());
    }

    static String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }

    /** The flags of {@code ENGINE run} / {@code ENGINE create} before the image. */
    List<String> cliFlags(boolean logDriverNone) {
        List<String> flags = new ArrayList<>(List.of("--read-only", "--cap-drop", "ALL", "--security-opt",
                "no-new-privileges", "--user", user, "--pids-limit", Long.toString(PIDS), "--memory",
                Long.toString(MEMORY), "--memory-swap", Long.toString(MEMORY), "--cpus", "1", "--tmpfs",
                "/tmp:" + TMPFS_OPTIONS, "--init", "--network", "none", "-e", "HOME=/tmp", "-v",
                workspace + ":/workspace:ro", "-w", "/workspace", "--label", LABEL + "=" + pid()));
        if (logDriverNone) {
            flags.add("--log-driver");
            flags.add("none");
        }
        return flags;
    }

    /** The same profile for docker-java ({@code logDriverNone}: false where the way reads the logs endpoint). */
    HostConfig hostConfig(boolean logDriverNone) {
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(new Bind(workspace.toString(), new Volume("/workspace"), AccessMode.ro))
                .withTmpFs(Map.of("/tmp", TMPFS_OPTIONS))
                .withReadonlyRootfs(true)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withMemory(MEMORY)
                .withMemorySwap(MEMORY)
                .withNanoCPUs(1_000_000_000L)
                .withPidsLimit(PIDS)
                .withInit(true)
                .withNetworkMode("none");
        if (logDriverNone) {
            host.withLogConfig(new LogConfig(LogConfig.LoggingType.NONE));
        }
        return host;
    }
}
