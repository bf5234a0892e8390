package dev.ironbox.app;

import dev.ironbox.core.label.OwnerLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's own record of what a process made, asked of its command line ({@code docker events} / {@code podman
 * events}): a container created and removed between two listings leaves no trace in them, but it leaves a
 * {@code create} event. So "a refused call made nothing" can be checked, not just "left nothing".
 */
final class EngineEvents {

    private EngineEvents() {}

    /** The ids of containers {@code engine} created with the owner label of {@code pid} from {@code since} to now. */
    static List<String> created(String engine, long pid, Instant since) throws IOException, InterruptedException {
        // --until a second ahead: the events of this second are all in; the command then returns
        long until = Instant.now().getEpochSecond() + 1;
        Process events = new ProcessBuilder(engine, "events", "--since", Long.toString(since.getEpochSecond() - 1),
                "--until", Long.toString(until), "--filter", "type=container", "--filter", "event=create",
                "--filter", "label=" + OwnerLabels.OWNER_PID + "=" + pid, "--format", "{{.ID}}")
                .redirectErrorStream(true).start();
        if (!events.waitFor(60, TimeUnit.SECONDS)) {
            events.destroyForcibly();
            throw new AssertionError(engine + " events did not return in 60 s");
        }
        String out = new String(events.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (events.exitValue() != 0) {
            throw new AssertionError(engine + " events failed (" + events.exitValue() + "): " + out);
        }
        return out.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
