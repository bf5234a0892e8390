package dev.ironbox.core.session;

import dev.ironbox.core.model.ContainerId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When Ironbox last used each session started on this host, kept where the sandbox cannot write: files under the
 * user's state directory ({@code $XDG_STATE_HOME/ironbox/sessions}, default {@code ~/.local/state/ironbox/sessions}),
 * one directory per runtime and container. {@code last}'s modification time is the last activity; each
 * {@code *.busy} file's modification time is how long a command or copy that started may still run. The in-container
 * idle watchdog can be stopped by the sandbox; this record cannot, so the idle backstop ({@link SessionBackstop})
 * reads it.
 *
 * <p>Only sessions started here have a record: activity of other users or hosts is not seen, so their sessions are
 * never judged idle from here (only their hard deadline applies). Every I/O failure leaves the record unknown, which
 * only keeps a session alive; it never stops one. Thread-safe (the file system serialises what matters).
 */
final class SessionActivity {

    private static final Logger LOG = LoggerFactory.getLogger(SessionActivity.class);
    private static final String LAST = "last";
    private static final String BUSY = ".busy";
    /** Runtime ids and container ids as they may appear in a path: nothing that could climb or hide. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final Optional<Path> directory;

    SessionActivity(Optional<Path> directory) {
        this.directory = directory;
    }

    /** The record in the user's state directory; none when there is no home to keep it in. */
    static SessionActivity inUserStateDirectory() {
        String state = System.getenv("XDG_STATE_HOME");
        String home = System.getProperty("user.home");
        Optional<Path> base = state != null && state.startsWith("/") ? Optional.of(Path.of(state))
                : home == null || home.isBlank() || "?".equals(home) ? Optional.empty()
                : Optional.of(Path.of(home, ".local", "state"));
        return new SessionActivity(base.map(dir -> dir.resolve("ironbox").resolve("sessions")));
    }

    /** A session started here now: its record begins. */
    void started(String runtime, ContainerId container) {
        sessionDirectory(runtime, container).ifPresent(dir -> {
            try {
                Files.createDirectories(dir.getParent(), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                Files.createDirectories(dir);
                touch(dir.resolve(LAST), Instant.now());
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("cannot record session container {} in {}; its idle backstop is off", container, dir, e);
            }
        });
    }

    /**
     * A command or copy begins, and may run until {@code upTo} from now. Recorded only for a session started here.
     *
     * @return what to close when it ends (it then counts as the last activity); closing never throws
     */
    Lease busy(String runtime, ContainerId container, Duration upTo) {
        Optional<Path> dir = sessionDirectory(runtime, container).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return () -> {};
        }
        Path busy = dir.get().resolve(UUID.randomUUID() + BUSY);
        try {
            touch(dir.get().resolve(LAST), Instant.now());
            touch(busy, Instant.now().plus(upTo));
        } catch (IOException e) {
            LOG.debug("cannot record activity of session container {}", container, e);
        }
        return () -> {
            try {
                Files.deleteIfExists(busy);
                touch(dir.get().resolve(LAST), Instant.now());
            } catch (IOException e) {
                LOG.debug("cannot record the end of activity in session container {}", container, e);
            }
        };
    }

    /**
     * Since when the session has been idle as far as this host knows: empty when it was not started here, its record
     * cannot be read, or a command or copy may still be running.
     */
    Optional<Instant> idleSince(String runtime, ContainerId container, Instant now) {
        Optional<Path> dir = sessionDirectory(runtime, container).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.get(), "*" + BUSY)) {
            for (Path busy : entries) {
                Instant until = Files.getLastModifiedTime(busy, LinkOption.NOFOLLOW_LINKS).toInstant();
                if (until.isAfter(now)) {
                    return Optional.empty();
                }
                Files.deleteIfExists(busy); // ended without closing (a killed process): it no longer counts
            }
            return Optional.of(Files.getLastModifiedTime(dir.get().resolve(LAST), LinkOption.NOFOLLOW_LINKS)
                    .toInstant());
        } catch (IOException e) {
            LOG.debug("cannot read the activity of session container {}", container, e);
            return Optional.empty();
        }
    }

    /**
     * Drops the records of this runtime's containers that are not in {@code live} (gone sessions); a record younger
     * than a minute is kept, as its container may have been created after {@code live} was listed.
     */
    void forgetAllBut(String runtime, Set<String> live) {
        Optional<Path> runtimeDir = directory.filter(d -> NAME.matcher(runtime).matches()).map(d -> d.resolve(runtime))
                .filter(Files::isDirectory);
        if (runtimeDir.isEmpty()) {
            return;
        }
        try (Stream<Path> sessions = Files.list(runtimeDir.get())) {
            Instant young = Instant.now().minus(Duration.ofMinutes(1));
            sessions.filter(dir -> !live.contains(dir.getFileName().toString()) && olderThan(dir, young))
                    .forEach(SessionActivity::delete);
        } catch (IOException e) {
            LOG.debug("cannot prune session records in {}", runtimeDir.get(), e);
        }
    }

    /** Drops the record of one container. */
    void forget(String runtime, ContainerId container) {
        sessionDirectory(runtime, container).filter(Files::isDirectory).ifPresent(SessionActivity::delete);
    }

    private Optional<Path> sessionDirectory(String runtime, ContainerId container) {
        if (!NAME.matcher(runtime).matches() || !NAME.matcher(container.value()).matches()) {
            return Optional.empty();
        }
        return directory.map(d -> d.resolve(runtime).resolve(container.value()));
    }

    private static boolean olderThan(Path dir, Instant time) {
        try {
            return Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(time);
        } catch (IOException e) {
            return false;
        }
    }

    private static void touch(Path file, Instant time) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(file);
        }
        Files.setLastModifiedTime(file, FileTime.from(time));
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("cannot remove session record {}", dir, e);
        }
    }

    /** The end of a command or copy; closing never throws. */
    @FunctionalInterface
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
