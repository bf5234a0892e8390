package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code write_file} and {@code read_file}: a file into and out of a session as text or base64, within the operator's
 * {@code --max-file-size} (8 KiB here), a larger one refused with nothing written.
 */
interface McpFileChecks extends McpServerFixture {

    @Test
    default void aTextFileWrittenIsReadBackAndSeenByTheSession() throws Exception {
        McpServerProcess server = server();
        String id = (String) server.ok("session_start", Map.of()).get("sessionId");
        String text = "h\u00e9llo\nw\u00f6rld \u4e2d\n";
        int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        assertThat(server.ok("write_file", Map.of("sessionId", id, "path", "/tmp/dir/notes.txt", "content", text)))
                .containsEntry("path", "/tmp/dir/notes.txt").containsEntry("bytes", bytes);

        assertThat(server.ok("session_exec", Map.of("sessionId", id, "command", List.of("cat", "/tmp/dir/notes.txt"))))
                .containsEntry("stdout", text);
        assertThat(server.ok("read_file", Map.of("sessionId", id, "path", "/tmp/dir/notes.txt")))
                .containsEntry("path", "/tmp/dir/notes.txt").containsEntry("bytes", bytes)
                .containsEntry("encoding", "text").containsEntry("content", text);
    }

    @Test
    default void binaryBytesGoInAndOutAsBase64AndAreNotReadAsText() throws Exception {
        McpServerProcess server = server();
        String id = (String) server.ok("session_start", Map.of()).get("sessionId");
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, (byte) 0x80, '\n', (byte) 0xc3};
        String encoded = Base64.getEncoder().encodeToString(binary);

        assertThat(server.ok("write_file", Map.of("sessionId", id, "path", "/tmp/blob.bin", "content", encoded,
                "encoding", "base64"))).containsEntry("bytes", binary.length);

        assertThat(server.ok("session_exec", Map.of("sessionId", id, "shell", "od -An -tx1 /tmp/blob.bin | tr -d ' \\n'")))
                .containsEntry("stdout", "000102fffe800ac3");
        assertThat(server.ok("read_file", Map.of("sessionId", id, "path", "/tmp/blob.bin", "encoding", "base64")))
                .containsEntry("bytes", binary.length).containsEntry("encoding", "base64")
                .containsEntry("content", encoded);
        assertThat(server.refused("read_file", Map.of("sessionId", id, "path", "/tmp/blob.bin")))
                .contains("base64");
        assertThat(server.refused("read_file", Map.of("sessionId", id, "path", "/tmp"))).contains("is a directory");
        assertThat(server.refused("read_file", Map.of("sessionId", id, "path", "/tmp/absent"))).isNotBlank();
    }

    @Test
    default void aFileOverTheMaxFileSizeIsRefusedBothWaysAndNothingIsWritten() throws Exception {
        McpServerProcess server = server();
        String id = (String) server.ok("session_start", Map.of()).get("sessionId");
        int over = (int) OPERATOR_MAX_FILE + 1;

        assertThat(server.refused("write_file", Map.of("sessionId", id, "path", "/tmp/big.txt",
                "content", "a".repeat(over)))).contains("at most " + OPERATOR_MAX_FILE + " bytes");
        assertThat(server.refused("write_file", Map.of("sessionId", id, "path", "/tmp/big.bin",
                "content", Base64.getEncoder().encodeToString(new byte[over]), "encoding", "base64")))
                .contains("at most " + OPERATOR_MAX_FILE + " bytes");
        assertThat(server.ok("session_exec", Map.of("sessionId", id, "shell",
                "test -e /tmp/big.txt -o -e /tmp/big.bin && echo found || echo none")))
                .as("a refused file written anyway").containsEntry("stdout", "none\n");

        assertThat(server.ok("write_file", Map.of("sessionId", id, "path", "/tmp/exact.txt",
                "content", "a".repeat((int) OPERATOR_MAX_FILE)))).containsEntry("bytes", (int) OPERATOR_MAX_FILE);
        server.ok("session_exec", Map.of("sessionId", id, "shell", "head -c " + over + " /dev/zero > /tmp/big"));
        assertThat(server.refused("read_file", Map.of("sessionId", id, "path", "/tmp/big", "encoding", "base64")))
                .contains(Long.toString(OPERATOR_MAX_FILE));
    }
}
