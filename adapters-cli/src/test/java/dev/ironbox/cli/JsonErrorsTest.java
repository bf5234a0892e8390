package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.PolicyRefusedException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With {@code --json}, an Ironbox failure is one JSON object on stdout too; the stderr line and exit 125 stay. */
class JsonErrorsTest {

    @TempDir
    Path cwd;

    private final FakeSandboxFactory factory = new FakeSandboxFactory();

    @Test
    void aBadValueIsAnInvalidConfigurationObjectOnStdoutAndTheSameLineOnStderr() throws Exception {
        Console console = new Console(factory, cwd, Map.of());

        assertThat(console.execute("run", "--json", "--memory", "1k", "--", "true"))
                .isEqualTo(ExitCodes.IRONBOX_FAILURE);

        String message = "invalid limits: memory must be at least 6m, got 1024 bytes";
        assertThat(console.out()).isEqualTo(
                "{\"error\":{\"kind\":\"invalid-configuration\",\"message\":\"" + message + "\"}}"
                        + System.lineSeparator());
        assertThat(console.err()).isEqualTo("ironbox: " + message + System.lineSeparator());
    }

    @Test
    void aValueTheOptionsConverterRefusesIsAnInvalidConfigurationObjectToo() throws Exception {
        Console console = new Console(factory, cwd, Map.of());

        assertThat(console.execute("run", "--json", "--timeout", "soon", "--", "true"))
                .isEqualTo(ExitCodes.IRONBOX_FAILURE);

        JsonNode error = error(console);
        assertThat(error.get("kind").asText()).isEqualTo("invalid-configuration");
        assertThat(error.get("message").asText()).startsWith("invalid --timeout 'soon': ");
        assertThat(console.err()).isEqualTo("ironbox: " + error.get("message").asText() + System.lineSeparator());
        assertThat(factory.requests).isEmpty();
    }

    @Test
    void aMultiLineEngineErrorIsTheOneStderrLineInTheObject() throws Exception {
        factory.openFailure = new EngineUnavailableException("no engine:\n  /var/run/docker.sock: refused");
        Console console = new Console(factory, cwd, Map.of());

        assertThat(console.execute("run", "--json", "--", "true")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        JsonNode error = error(console);
        assertThat(error.get("kind").asText()).isEqualTo("engine-unavailable");
        assertThat(console.err()).isEqualTo("ironbox: " + error.get("message").asText() + System.lineSeparator());
        assertThat(error.get("message").asText()).isEqualTo("no engine:; /var/run/docker.sock: refused");
    }

    @Test
    void eachErrorClassHasItsKind() throws Exception {
        assertThat(kindWhenTheRunThrows(new PolicyRefusedException("policy full_access is refused")))
                .isEqualTo("policy-refused");
        assertThat(kindWhenTheRunThrows(new ImageUnavailableException("no image 'x:1'")))
                .isEqualTo("image-unavailable");
        assertThat(kindWhenTheRunThrows(new ContainerFailureException("the engine refused the container")))
                .isEqualTo("container-failure");
        assertThat(kindWhenTheRunThrows(new IllegalStateException("boom"))).isEqualTo("internal");
    }

    @Test
    void anUnknownSessionIsItsOwnKind() throws Exception {
        Console console = new Console(factory, cwd, Map.of());

        assertThat(console.execute("session", "exec", "--json", "--runtime", "fake", "no-such", "--", "true"))
                .isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(error(console).get("kind").asText()).isEqualTo("unknown-session");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --json --bogus -- true",
        "run --json --memory",
        "image ls --json --bogus",
        "ps --json --bogus",
        "doctor --json --bogus",
    })
    void aUsageErrorWithJsonIsAUsageObject(String line) throws Exception {
        Console console = new Console(factory, cwd, Map.of());

        assertThat(console.execute(line.split(" "))).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        JsonNode error = error(console);
        assertThat(error.get("kind").asText()).isEqualTo("usage");
        assertThat(console.err()).isEqualTo("ironbox: " + error.get("message").asText() + System.lineSeparator());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --json -- true",
        "session start --json",
        "image ls --json",
        "ps --json",
    })
    void everyCommandThatTakesJsonAnswersAFailureInJson(String line) throws Exception {
        factory.openFailure = new EngineUnavailableException("no engine answered");
        Console console = new Console(factory, cwd, Map.of());

        assertThat(console.execute(line.split(" "))).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(error(console).get("kind").asText()).isEqualTo("engine-unavailable");
        assertThat(console.err().lines().toList()).last().asString().startsWith("ironbox: ");
    }

    @Test
    void withoutJsonOrWithJsonOnlyInTheCommandStdoutStaysEmpty() {
        factory.openFailure = new EngineUnavailableException("no engine answered");
        for (String[] line : new String[][] {{"run", "--", "true"}, {"run", "--", "echo", "--json"},
                {"run", "--bogus", "--", "x", "--json"}, {"run", "sh", "--json", "-c", "x"}}) {
            Console console = new Console(factory, cwd, Map.of());

            assertThat(console.execute(line)).isEqualTo(ExitCodes.IRONBOX_FAILURE);

            assertThat(console.out()).as(String.join(" ", line)).isEmpty();
            assertThat(console.err()).as(String.join(" ", line)).startsWith("ironbox: ");
        }
    }

    private String kindWhenTheRunThrows(RuntimeException failure) throws Exception {
        factory.answer = request -> {
            throw failure;
        };
        Console console = new Console(factory, cwd, Map.of());
        assertThat(console.execute("run", "--json", "--", "true")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        return error(console).get("kind").asText();
    }

    /** The error object: stdout is exactly one line of JSON, {"error": {"kind", "message"}}. */
    private static JsonNode error(Console console) throws Exception {
        assertThat(console.out().lines()).as(console.err()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(console.out());
        assertThat(JsonNames.of(json)).containsExactly("error");
        assertThat(JsonNames.of(json.get("error"))).containsExactly("kind", "message");
        return json.get("error");
    }
}
