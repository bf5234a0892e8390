package dev.ironbox.podman;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.TmpfsMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link ContainerSpec} into the body of libpod's {@code containers/create}: Podman's {@code SpecGenerator}
 * JSON. Every field of the spec is applied; nothing else is left to defaults that would widen the sandbox. The seccomp
 * profile is a file on the engine's host ({@link SeccompProfileFiles}); the log driver is {@code none}, so conmon
 * stores none of the output (it reaches Ironbox through the attach of {@link PodmanLogs}).
 */
final class SpecGenerator {

    /** The CFS period; the quota is the share of it the CPU limit allows. */
    static final long CPU_PERIOD = 100_000;
    /** Options of every tmpfs; {@code size=} is added per mount. */
    static final List<String> TMPFS_OPTIONS = List.of("rw", "nosuid", "nodev", "noexec");

    private static final Pattern CAPABILITY = Pattern.compile("(CAP_)?[A-Z_]+");

    private SpecGenerator() {}

    /** @param seccompProfile the file that holds {@code spec}'s seccomp profile, on the engine's host */
    static Map<String, Object> from(ContainerSpec spec, Path seccompProfile) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", spec.name());
        s.put("image", spec.image());
        // the argv runs as given: an empty (not absent) entrypoint keeps the image's from wrapping it
        s.put("entrypoint", List.of());
        s.put("command", spec.command());
        s.put("env", spec.env());
        s.put("work_dir", spec.workingDir());
        s.put("user", spec.user());
        s.put("labels", spec.labels());
        s.put("mounts", mounts(spec));
        s.put("read_only_filesystem", spec.readOnlyRootfs());
        // Podman would add writable tmpfs on /run, /tmp and /var/tmp to a read-only root: only the spec's tmpfs apply
        s.put("read_only_tmpfs", false);
        s.put("cap_drop", capabilities("capDrop", spec.capDrop()));
        s.put("cap_add", capabilities("capAdd", spec.capAdd()));
        s.put("no_new_privileges", spec.noNewPrivileges());
        // the spec's profile, never the image's annotation (seccomp_policy "image") nor Podman's default profile
        s.put("seccomp_policy", "default");
        s.put("seccomp_profile_path", seccompProfile.toString());
        s.put("privileged", false);
        s.put("resource_limits", resourceLimits(spec));
        s.put("init", spec.init());
        s.putAll(network(spec.networkMode()));
        s.put("terminal", false);
        // open for a pooled sandbox's hand-over (LogCollectionPort.attachWithInput); otherwise empty, as before
        s.put("stdin", spec.openStdin());
        // conmon's exit command removes the container when it stops (checked on 4.3.1 through the API service)
        s.put("remove", spec.autoRemove());
        s.put("log_configuration", Map.of("driver", "none"));
        return s;
    }

    private static List<Map<String, Object>> mounts(ContainerSpec spec) {
        List<Map<String, Object>> mounts = new ArrayList<>();
        for (Mount bind : spec.binds()) {
            mounts.add(Map.of(
                    "destination", bind.containerPath(),
                    "source", bind.hostPath().toString(),
                    "type", "bind",
                    "options", List.of(bind.readOnly() ? "ro" : "rw", "rbind")));
        }
        for (TmpfsMount tmpfs : spec.tmpfs()) {
            List<String> options = new ArrayList<>(TMPFS_OPTIONS);
            options.add("size=" + tmpfs.sizeBytes());
            options.add("mode=1777");
            mounts.add(Map.of(
                    "destination", tmpfs.containerPath(),
                    "source", "tmpfs",
                    "type", "tmpfs",
                    "options", options));
        }
        return mounts;
    }

    /** OCI resources; a zero (or negative) value means no limit, as in {@link ContainerSpec}'s engine-neutral terms. */
    static Map<String, Object> resourceLimits(ContainerSpec spec) {
        Map<String, Object> limits = new LinkedHashMap<>();
        if (spec.memoryBytes() > 0) {
            Map<String, Object> memory = new LinkedHashMap<>();
            memory.put("limit", spec.memoryBytes());
            memory.put("swap", spec.memorySwapBytes()); // OCI swap is memory plus swap, as in the spec
            limits.put("memory", memory);
        }
        if (spec.nanoCpus() > 0) {
            limits.put("cpu", Map.of("quota", cpuQuota(spec.nanoCpus()), "period", CPU_PERIOD));
        }
        if (spec.pidsLimit() > 0) {
            limits.put("pids", Map.of("limit", spec.pidsLimit()));
        }
        return limits;
    }

    /** {@code nanoCpus} billionths of a core as microseconds per {@link #CPU_PERIOD}. */
    static long cpuQuota(long nanoCpus) {
        return Math.max(1, Math.multiplyExact(nanoCpus, CPU_PERIOD) / 1_000_000_000L);
    }

    /** {@code none}, {@code host}, {@code bridge} (the default network), or the name of a network to join. */
    static Map<String, Object> network(String mode) {
        String m = mode.strip();
        return switch (m) {
            case "none", "host", "bridge" -> Map.of("netns", Map.of("nsmode", m));
            case "", "default" -> Map.of("netns", Map.of("nsmode", "bridge"));
            default -> Map.of("netns", Map.of("nsmode", "bridge"), "Networks", Map.of(m, Map.of()));
        };
    }

    /** Capability names upper-cased, as Podman expects them ({@code ALL}, {@code CHOWN} or {@code CAP_CHOWN}). */
    static List<String> capabilities(String field, List<String> names) {
        List<String> normalized = new ArrayList<>();
        for (String name : names) {
            String upper = name.strip().toUpperCase(Locale.ROOT);
            if (!CAPABILITY.matcher(upper).matches()) {
                throw new ContainerFailureException("cannot apply " + field + ": invalid capability '" + name + "'");
            }
            normalized.add(upper);
        }
        return normalized;
    }
}
