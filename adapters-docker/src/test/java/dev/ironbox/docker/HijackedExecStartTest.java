package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Docker's exec start with input; its frames and connection are the shared module's (and tested there). */
class HijackedExecStartTest {

    @Test
    void theExecStartRequestAsksForARawStream() {
        String request = new String(HijackedExecStart.request("abc"), StandardCharsets.US_ASCII);
        assertThat(request).startsWith("POST /exec/abc/start HTTP/1.1\r\n").contains("Upgrade: tcp\r\n")
                .contains("Connection: Upgrade\r\n").endsWith("\r\n\r\n{\"Detach\":false,\"Tty\":false}")
                .contains("Content-Length: 28\r\n");
    }
}
