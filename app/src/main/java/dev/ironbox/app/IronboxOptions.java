package dev.ironbox.app;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.egress.EgressPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@link Ironbox} was built with, checked and frozen: later changes to its builder do not reach it.
 *
 * @param workspace absolute and normalized
 * @param env in the order given
 * @param egress what every run may reach through the egress proxy
 * @param pool the warm one-shot pool the service keeps (off: every run cold)
 */
record IronboxOptions(SandboxPolicy policy, Path workspace, String image, ResourceLimits limits,
        Map<String, String> env, boolean allowFullAccess, boolean pullMissingImages, EgressPolicy egress,
        boolean allowUnisolatedEgress, PoolSettings pool) {

    /**
     * @throws InvalidConfigurationException for a missing workspace, a blank image or a bad environment variable name
     * @throws PolicyRefusedException for {@link SandboxPolicy#FULL_ACCESS} without {@code allowFullAccess}
     */
    IronboxOptions {
        if (image.isBlank()) {
            throw new InvalidConfigurationException("empty image name");
        }
        workspace = workspace.toAbsolutePath().normalize();
        if (!Files.isDirectory(workspace)) {
            throw new InvalidConfigurationException("workspace " + workspace
                    + (Files.exists(workspace) ? " is not a directory" : " does not exist"));
        }
        if (policy == SandboxPolicy.FULL_ACCESS && !allowFullAccess) {
            throw new PolicyRefusedException("policy full_access runs commands on the host without a sandbox; "
                    + "enable it explicitly with allowFullAccess(true)");
        }
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        required(pool, "pool");
        // the request's own checks (environment variable names, ...) now, not at the first run
        RunRequest.builder().command(List.of("true")).workspace(workspace).policy(policy).limits(limits).env(env)
                .image(image).egress(egress).build();
    }
    SandboxSettings settings() {
        return SandboxSettings.builder()
                .defaultImage(image)
                .allowFullAccess(allowFullAccess)
                .allowUnisolatedEgress(allowUnisolatedEgress)
                .pullMissingImages(pullMissingImages)
                .pool(pool)
                .build();
    }

    RunRequest request(List<String> command) {
        return RunRequest.builder().command(command).workspace(workspace).policy(policy).limits(limits)
                .env(env).image(image).egress(egress).build();
    }

    /** A session with these defaults, owned by this process. */
    SessionRequest.Builder sessionRequest() {
        return SessionRequest.builder().workspace(workspace).policy(policy).limits(limits).env(env).image(image)
                .egress(egress).detached(false);
    }

    /** {@code value}, or an {@link InvalidConfigurationException} naming {@code what}. */
    static <T> T required(T value, String what) {
        if (value == null) {
            throw new InvalidConfigurationException(what + " must not be null");
        }
        return value;
    }

    /** The upstream CA file, absolute; it must be a readable file. */
    static Path readableCa(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidConfigurationException("upstream CA file " + path
                    + (Files.exists(path) ? " is not a readable file" : " does not exist"));
        }
        return path;
    }
}
