package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.EngineNote;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.RuntimeDiagnosis;
import dev.ironbox.core.model.RuntimesReport;
import dev.ironbox.core.model.egress.NetworkIsolation;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine's notes ({@code EnginePort.notes()}) under its runtime in {@code ironbox doctor}, text and JSON. */
class DoctorNotesTest {

    private static final EngineInfo CLUSTER = new EngineInfo("kubernetes", "v1.31.0", "v1",
            "https://127.0.0.1:6443", Optional.empty(), false, "2", EnumSet.allOf(LimitKind.class));

    @TempDir
    Path cwd;

    private final RuntimesReport report = new RuntimesReport(List.of(
            RuntimeDiagnosis.reached("kubernetes", 10, CLUSTER, Optional.empty(), true,
                    NetworkIsolation.enforced("NetworkPolicy")).withNotes(List.of(
                            EngineNote.info("namespace sandboxes"),
                            EngineNote.warning("NetworkPolicy is enforced only by a CNI that supports it"),
                            EngineNote.problem("cannot create pods/exec"))),
            RuntimeDiagnosis.unreachable("docker", 100, "no Docker engine answered")),
            Optional.of(new RuntimeChoice("kubernetes", RuntimeChoice.REQUESTED)), Optional.empty(),
            Optional.empty(), Optional.of("kubernetes"));

    @Test
    void theTextShowsEachNoteWithItsKindUnderItsRuntime() {
        Console console = console();

        assertThat(console.execute("doctor")).isEqualTo(ExitCodes.OK);

        assertThat(console.out()).contains("kubernetes (priority 10): available\n")
                .contains("    host isolation  enforced by NetworkPolicy\n"
                        + "    info            namespace sandboxes\n"
                        + "    warning         NetworkPolicy is enforced only by a CNI that supports it\n"
                        + "    problem         cannot create pods/exec\n"
                        + "docker (priority 100): not available\n");
    }

    @Test
    void theJsonListsThemAndLeavesThemOutWhenThereAreNone() throws Exception {
        Console console = console();

        console.execute("doctor", "--json");

        JsonNode runtimes = new ObjectMapper().readTree(console.out()).get("runtimes");
        assertThat(runtimes.get(0).get("notes").toString()).isEqualTo("[{\"kind\":\"info\",\"text\":\"namespace "
                + "sandboxes\"},{\"kind\":\"warning\",\"text\":\"NetworkPolicy is enforced only by a CNI that "
                + "supports it\"},{\"kind\":\"problem\",\"text\":\"cannot create pods/exec\"}]");
        assertThat(runtimes.get(1).has("notes")).as("an unchanged shape without notes").isFalse();
    }

    private Console console() {
        return new Console(new FakeSandboxFactory(), cwd, Map.of(),
                requested -> new RuntimeChoice("auto", RuntimeChoice.DEFAULT), () -> report);
    }
}
