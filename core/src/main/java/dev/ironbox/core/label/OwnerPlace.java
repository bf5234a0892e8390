package dev.ironbox.core.label;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a process runs: the kernel boot (its boot id) and the pid namespace its pid is counted in. A pid names a
 * process only there: a cleanup run inside a CI container sharing the host's engine socket, or on another machine
 * sharing {@code DOCKER_HOST}, must not look another place's owner pid up in its own process table.
 *
 * @param bootId the kernel's boot id, or {@link #UNKNOWN}
 * @param pidNamespace the inode of the pid namespace, or {@link #UNKNOWN}
 */
public record OwnerPlace(String bootId, String pidNamespace) {

    public static final String UNKNOWN = "unknown";

    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final Path PID_NAMESPACE = Path.of("/proc/self/ns/pid");
    private static final Pattern BOOT_ID_FORM = Pattern.compile("[0-9a-f-]{1,64}");
    /** readlink of /proc/self/ns/pid gives {@code pid:[4026531836]}; the number is the namespace's inode. */
    private static final Pattern NAMESPACE_LINK = Pattern.compile("pid:\\[(\\d{1,20})]");

    /** Where this process runs; read once (neither changes while a process lives). */
    public static OwnerPlace current() {
        return Current.PLACE;
    }

    /** Both parts were read; an unknown place is never the same as any other. */
    boolean isKnown() {
        return !UNKNOWN.equals(bootId) && !UNKNOWN.equals(pidNamespace);
    }

    /** Whether a pid recorded at {@code other} can be looked up here. */
    public boolean sameAs(OwnerPlace other) {
        return isKnown() && equals(other);
    }

    /** The boot id in {@code file} (Linux's random/boot_id), or {@link #UNKNOWN} when unreadable or malformed. */
    public static String readBootId(Path file) {
        try {
            String id = Files.readString(file).trim();
            return BOOT_ID_FORM.matcher(id).matches() ? id : UNKNOWN;
        } catch (IOException | SecurityException e) {
            return UNKNOWN;
        }
    }

    /** The pid namespace inode {@code link} (Linux's /proc/self/ns/pid) points at, or {@link #UNKNOWN}. */
    public static String readPidNamespace(Path link) {
        try {
            Matcher matcher = NAMESPACE_LINK.matcher(Files.readSymbolicLink(link).toString());
            return matcher.matches() ? matcher.group(1) : UNKNOWN;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return UNKNOWN;
        }
    }

    private static final class Current {
        static final OwnerPlace PLACE = new OwnerPlace(readBootId(BOOT_ID), readPidNamespace(PID_NAMESPACE));
    }
}
