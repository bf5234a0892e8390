package dev.ironbox.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A seccomp profile in the JSON format of Docker's profiles (moby's {@code profiles/seccomp}), which Docker takes
 * inline ({@code --security-opt seccomp=<json>}) and Podman from a file. Ironbox's own ({@link #ironbox()}) is
 * Docker's default profile (moby/profiles seccomp v0.2.3, Apache-2.0) that also refuses, whatever the container's
 * capabilities: namespace creation and joining ({@code unshare}, {@code setns}, {@code clone} with any
 * {@code CLONE_NEW*} flag with EPERM; {@code clone3} with ENOSYS, so libc falls back to {@code clone}), the kernel
 * keyring ({@code keyctl}, {@code add_key}, {@code request_key}), {@code bpf}, {@code userfaultfd} and
 * {@code perf_event_open}. Why and how it was derived: {@code docs/decisions/seccomp-profile.md}.
 *
 * @param json the profile; an engine parses it, Ironbox does not
 */
public record SeccompProfile(String json) {

    /** The resource beside this class that holds Ironbox's profile. */
    static final String RESOURCE = "ironbox-seccomp.json";

    /** @throws IllegalArgumentException when {@code json} does not start with a JSON object */
    public SeccompProfile {
        Objects.requireNonNull(json, "json");
        if (!json.strip().startsWith("{")) {
            throw new IllegalArgumentException("a seccomp profile is a JSON object");
        }
    }

    /** Ironbox's profile, the default of every container it creates; read once. */
    public static SeccompProfile ironbox() {
        return Ironbox.PROFILE;
    }

    /** The SHA-256 of the profile's UTF-8 bytes, in lower-case hex: a name for it that changes with its content. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Not the whole JSON: it is long. */
    @Override
    public String toString() {
        return "SeccompProfile[sha256=" + sha256() + "]";
    }

    private static final class Ironbox {
        static final SeccompProfile PROFILE = load();

        private static SeccompProfile load() {
            try (InputStream in = SeccompProfile.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Ironbox's seccomp profile " + RESOURCE + " is missing from core");
                }
                return new SeccompProfile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Ironbox's seccomp profile " + RESOURCE, e);
            }
        }
    }
}
