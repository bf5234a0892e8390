package dev.ironbox.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.egress.EgressPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The operator decides; a call of an assistant may only narrow the timeout and output budget and add variables. */
class AssistantTermsTest {

    private static final ResourceLimits LIMITS = ResourceLimits.builder().timeout(Duration.ofMinutes(2))
            .maxOutputBytes(65536).memoryBytes(256L << 20).build();
    private static final RunRequest RUN = RunRequest.builder().command(List.of("true"))
            .workspace(Path.of("/srv/project")).image("alpine:3.19").policy(SandboxPolicy.WORKSPACE_WRITE)
            .limits(LIMITS).putEnv("API_URL", "https://internal").egress(EgressPolicy.of(List.of("pypi.org"),
                    List.of()))
            .build();
    private static final SessionRequest SESSION = SessionRequest.builder().workspace(Path.of("/srv/project"))
            .image("alpine:3.19").limits(LIMITS.withTimeout(Duration.ofSeconds(30))).putEnv("SESSION_VAR", "1")
            .build();

    private final AssistantTerms terms = new AssistantTerms(RUN, SESSION, 1024);

    private static AskedLimits asked(Duration timeout, long output) {
        return new AskedLimits(Optional.ofNullable(timeout), output > 0 ? OptionalLong.of(output)
                : OptionalLong.empty());
    }

    @Test
    void aRunKeepsEverythingTheOperatorFixedAndTakesTheCallsCommand() {
        RunRequest run = terms.run(List.of("ls", "-l"), Map.of(), new byte[] {1}, AskedLimits.NONE);
        assertThat(run.command()).containsExactly("ls", "-l");
        assertThat(run.workspace()).isEqualTo(Path.of("/srv/project"));
        assertThat(run.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(run.image()).isEqualTo("alpine:3.19");
        assertThat(run.egress()).isEqualTo(RUN.egress());
        assertThat(run.limits()).isEqualTo(LIMITS);
        assertThat(run.stdin()).containsExactly(1);
    }

    @Test
    void aShorterTimeoutAndASmallerBudgetAreAccepted() {
        RunRequest run = terms.run(List.of("ls"), Map.of(), new byte[0], asked(Duration.ofSeconds(5), 100));
        assertThat(run.limits().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(run.limits().maxOutputBytes()).isEqualTo(100);
        assertThat(run.limits().memoryBytes()).isEqualTo(256L << 20);
        RunRequest same = terms.run(List.of("ls"), Map.of(), new byte[0], asked(Duration.ofMinutes(2), 65536));
        assertThat(same.limits()).isEqualTo(LIMITS);
    }

    @Test
    void aLongerTimeoutIsRefusedSayingWhatTheServerAllows() {
        assertThatThrownBy(() -> terms.run(List.of("ls"), Map.of(), new byte[0], asked(Duration.ofMinutes(10), 0)))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessage("a timeout of 10m is longer than this server allows: at most 120s");
    }

    @Test
    void aLargerBudgetIsRefusedSayingWhatTheServerAllows() {
        assertThatThrownBy(() -> terms.run(List.of("ls"), Map.of(), new byte[0], asked(null, 65537)))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessage("an output budget of 65537 bytes is more than this server allows: at most 65536 bytes");
    }

    @Test
    void limitsThatAreNotPositiveAreInvalid() {
        assertThatThrownBy(() -> terms.run(List.of("ls"), Map.of(), new byte[0], asked(Duration.ZERO, 0)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage("timeout must be positive, got 0ms");
        assertThatThrownBy(() -> terms.run(List.of("ls"), Map.of(), new byte[0],
                new AskedLimits(Optional.empty(), OptionalLong.of(-1))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("maxOutputBytes must be positive, got -1");
    }

    @Test
    void aCallAddsVariablesButNeverReplacesTheOperators() {
        RunRequest run = terms.run(List.of("env"), Map.of("MINE", "x"), new byte[0], AskedLimits.NONE);
        assertThat(run.env()).containsEntry("MINE", "x").containsEntry("API_URL", "https://internal");
        assertThatThrownBy(() -> terms.run(List.of("env"), Map.of("API_URL", "https://evil"), new byte[0],
                AskedLimits.NONE))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessage("variable API_URL is set by this server and cannot be changed");
        assertThatThrownBy(() -> terms.exec("s1", List.of("env"), Map.of("SESSION_VAR", "2"), new byte[0],
                AskedLimits.NONE))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessage("variable SESSION_VAR is set by this server and cannot be changed");
    }

    @Test
    void aSessionCommandIsNarrowedAgainstTheSessionsLimits() {
        SessionExecRequest exec = terms.exec("s1", List.of("pwd"), Map.of("MINE", "x"), new byte[0],
                asked(Duration.ofSeconds(10), 0));
        assertThat(exec.sessionId()).isEqualTo("s1");
        assertThat(exec.limits().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(exec.env()).containsEntry("MINE", "x").containsEntry("SESSION_VAR", "1");
        assertThatThrownBy(() -> terms.exec("s1", List.of("pwd"), Map.of(), new byte[0],
                asked(Duration.ofSeconds(60), 0)))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessage("a timeout of 60s is longer than this server allows: at most 30s");
    }

    @Test
    void filesAreLimitedToTheOperatorsSize() {
        assertThat(terms.fileBytes(1024)).isEqualTo(1024);
        assertThatThrownBy(() -> terms.fileBytes(1025)).isInstanceOf(PolicyRefusedException.class)
                .hasMessage("a file of 1025 bytes is larger than this server allows: at most 1024 bytes (1k)");
        assertThat(new AssistantTerms(RUN, SESSION, AssistantTerms.DEFAULT_MAX_FILE_BYTES).maxFileBytes())
                .isEqualTo(16L << 20);
    }

    @Test
    void theOperatorsTermsThemselvesAreChecked() {
        assertThatThrownBy(() -> new AssistantTerms(RUN, SESSION, 0))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage("max file size must be positive, got 0");
        assertThatThrownBy(() -> new AssistantTerms(RUN, SessionRequest.copyOf(SESSION).withDetached(true), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
