package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ironbox.core.error.ContainerFailureException;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DockerErrorsTest {

    @Test
    void keepsTheEngineMessageVerbatim() {
        BadRequestException e = new BadRequestException("{\"message\":\"OCI runtime create failed: exec: \\\"nope\\\": "
                + "executable file not found in $PATH: unknown\"}\n");
        ContainerFailureException translated = DockerErrors.container("cannot start container abc", e);
        assertThat(translated).hasMessage("cannot start container abc: OCI runtime create failed: exec: \"nope\": "
                + "executable file not found in $PATH: unknown");
        assertThat(translated.getCause()).isSameAs(e);
    }

    @Test
    void plainBodiesAndTransportFailures() {
        assertThat(DockerErrors.engineMessage(new NotFoundException("page not found\n"))).isEqualTo("page not found");
        assertThat(DockerErrors.engineMessage(new RuntimeException(new IOException("Connection refused"))))
                .isEqualTo("Connection refused");
        assertThat(DockerErrors.engineMessage(new DockerException("{\"message\":\"no such image\"}", 404)))
                .isEqualTo("no such image");
    }

    @Test
    void stringsAreUnescapedAndFoundAtAnyDepthAndInAStreamOfObjects() {
        assertThat(DockerErrors.jsonString("{\"message\":\"a\\u00e9\\n\\\\ \\\"q\\\"\"}", "message"))
                .contains("a\u00e9\n\\ \"q\"");
        assertThat(DockerErrors.jsonString("{\"status\":\"x\"}\n{\"errorDetail\":{\"message\":\"deep\"},"
                + "\"error\":\"top\"}\n", "message")).contains("deep");
        assertThat(DockerErrors.jsonString("{\"status\":\"x\"}\r\n{\"error\":\"refused\"}", "error")).contains("refused");
        assertThat(DockerErrors.jsonString("{\"message\":42}", "message")).isEmpty();
        assertThat(DockerErrors.jsonString("page not found", "message")).isEmpty();
        assertThat(DockerErrors.jsonString("", "message")).isEmpty();
    }

    /** An error body over ~2 KB overflowed the stack of the old regular expression; any size now parses, bounded. */
    @ParameterizedTest
    @ValueSource(ints = {2_000, 10_000, 100_000, 1_000_000})
    void hugeErrorBodiesGiveABoundedMessage(int size) {
        String echoed = "a".repeat(size);
        String body = "{\"message\":\"no such image: " + echoed + ": invalid reference format\"}\n";
        String message = DockerErrors.engineMessage(new BadRequestException(body));
        assertThat(message).startsWith("no such image: aaaa").hasSizeLessThan(DockerErrors.LONGEST_QUOTE + 40);
        if (size > DockerErrors.LONGEST_QUOTE) {
            assertThat(message).endsWith(" more characters)");
        }
        assertThat(DockerErrors.jsonString(body, "message")).hasValueSatisfying(m -> assertThat(m).hasSize(size + 41));
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 1_000_000})
    void hugeBodiesOfEscapesPlainTextOrDeepNestingNeverThrow(int size) {
        String escapes = "{\"message\":\"" + "\\\"".repeat(size / 2) + "\"}";
        assertThat(DockerErrors.engineMessage(new BadRequestException(escapes))).startsWith("\"\"\"")
                .hasSizeLessThan(DockerErrors.LONGEST_QUOTE + 40);
        String plain = "x".repeat(size);
        assertThat(DockerErrors.engineMessage(new BadRequestException(plain)))
                .hasSizeLessThan(DockerErrors.LONGEST_QUOTE + 40);
        String deep = "[".repeat(size) + "{\"message\":\"m\"}" + "]".repeat(size);
        assertThat(DockerErrors.engineMessage(new BadRequestException(deep)))
                .hasSizeLessThan(DockerErrors.LONGEST_QUOTE + 40);
        String unterminated = "{\"message\":\"" + "y".repeat(size);
        assertThat(DockerErrors.engineMessage(new BadRequestException(unterminated)))
                .startsWith("{\"message\":\"yyy").hasSizeLessThan(DockerErrors.LONGEST_QUOTE + 40);
        assertThat(DockerErrors.bodyMessage("{\"message\":\"" + "z".repeat(size) + "\"}", "message", "-"))
                .hasSizeLessThan(DockerErrors.LONGEST_QUOTE + 40);
    }

    @Test
    void theStatusPrefixIsRemovedOnlyWhenItIsOne() {
        assertThat(DockerErrors.withoutStatus("Status 500: {\"message\":\"x\"}")).isEqualTo("{\"message\":\"x\"}");
        assertThat(DockerErrors.withoutStatus("Status x: y")).isEqualTo("Status x: y");
        assertThat(DockerErrors.withoutStatus("Status " + "9".repeat(100_000))).startsWith("Status 999");
    }
}
