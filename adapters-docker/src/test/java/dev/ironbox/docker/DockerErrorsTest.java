package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ironbox.core.error.ContainerFailureException;
import java.io.IOException;
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
        assertThat(DockerErrors.unescape("a\\u00e9\\n\\\\")).isEqualTo("a\u00e9\n\\");
    }
}
