package dev.ironbox.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import dev.ironbox.mcp.call.InFlightCalls;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Files into and out of a session: staged privately, size-limited, text only when it is UTF-8. */
class FileToolsTest {

    private final Calls calls = new Calls();
    private String id;

    @BeforeEach
    void start() {
        id = calls.startSession();
    }

    @Test
    void writeCopiesTheDecodedContentIntoThePathsDirectory() {
        CallToolResult result = calls.call("write_file", Map.of("sessionId", id, "path", "/workspace/src/a.py",
                "content", "print('hé')\n"));
        assertThat(result.isError()).isFalse();
        assertThat(Calls.structured(result)).isEqualTo(Map.of("path", "/workspace/src/a.py", "bytes", 13L));
        assertThat(calls.sandbox.copies).containsExactly("in " + id + " a.py /workspace/src 1024");
        assertThat(new String(calls.sandbox.copiedIn, StandardCharsets.UTF_8)).isEqualTo("print('hé')\n");
        assertStagingPrivateAndGone();
    }

    @Test
    void base64ContentIsDecoded() {
        byte[] bytes = {0, (byte) 0xff, 10, 13};
        String encoded = Base64.getEncoder().encodeToString(bytes);
        CallToolResult result = calls.call("write_file", Map.of("sessionId", id, "path", "/top", "content",
                encoded.substring(0, 4) + "\n" + encoded.substring(4), "encoding", "base64"));
        assertThat(result.isError()).isFalse();
        assertThat(calls.sandbox.copiedIn).containsExactly(bytes);
        assertThat(calls.sandbox.copies).containsExactly("in " + id + " top / 1024");
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeAnythingIsStaged() {
        CallToolResult result = calls.call("write_file", Map.of("sessionId", id, "path", "/tmp/big", "content",
                "x".repeat(1025)));
        assertThat(result.isError()).isTrue();
        assertThat(Calls.text(result)).isEqualTo("a file of 1025 bytes is larger than this server allows: at most "
                + "1024 bytes (1k)");
        assertThat(calls.sandbox.copies).isEmpty();
        assertThat(calls.sandbox.stagingDirectories).isEmpty();
        assertThat(Calls.text(calls.call("write_file", Map.of("sessionId", id, "path", "/tmp/big", "content",
                "é".repeat(513))))).startsWith("a file of 1026 bytes"); // counted in bytes, not characters
    }

    @Test
    void readReturnsTextOrBase64() {
        calls.sandbox.files.put("/workspace/notes.txt", "héllo\n".getBytes(StandardCharsets.UTF_8));
        CallToolResult text = calls.call("read_file", Map.of("sessionId", id, "path", "/workspace/notes.txt"));
        assertThat(text.isError()).isFalse();
        assertThat(Calls.structured(text)).isEqualTo(Map.of("path", "/workspace/notes.txt", "bytes", 7,
                "encoding", "text", "content", "héllo\n"));
        assertThat(Calls.text(text)).isEqualTo("héllo\n");
        assertThat(calls.sandbox.copies).containsExactly("out " + id + " /workspace/notes.txt "
                + (1024 + FileTransfer.ARCHIVE_OVERHEAD));

        CallToolResult encoded = calls.call("read_file", Map.of("sessionId", id, "path", "/workspace/notes.txt",
                "encoding", "base64"));
        assertThat(Calls.structured(encoded)).containsEntry("encoding", "base64")
                .containsEntry("content",
                        Base64.getEncoder().encodeToString("héllo\n".getBytes(StandardCharsets.UTF_8)));
        assertStagingPrivateAndGone();
    }

    @Test
    void bytesThatAreNotUtf8NeedBase64() {
        calls.sandbox.files.put("/bin/tool", new byte[] {(byte) 0xc3, 0x28});
        CallToolResult result = calls.call("read_file", Map.of("sessionId", id, "path", "/bin/tool"));
        assertThat(result.isError()).isTrue();
        assertThat(Calls.text(result)).isEqualTo("/bin/tool is not UTF-8 text; read it with encoding \"base64\"");
        assertStagingPrivateAndGone();
    }

    @Test
    void aDirectoryIsRefusedAndItsCopyDeleted() {
        calls.sandbox.directories.add("/workspace");
        CallToolResult result = calls.call("read_file", Map.of("sessionId", id, "path", "/workspace"));
        assertThat(result.isError()).isTrue();
        assertThat(Calls.text(result)).isEqualTo("/workspace is a directory; read_file reads one file");
        assertStagingPrivateAndGone();
    }

    @Test
    void aFileOverTheLimitIsNotReturned() {
        calls.sandbox.files.put("/tmp/big", new byte[1025]);
        CallToolResult result = calls.call("read_file", Map.of("sessionId", id, "path", "/tmp/big"));
        assertThat(Calls.text(result)).isEqualTo("a file of 1025 bytes is larger than this server allows: at most "
                + "1024 bytes (1k)");
        assertStagingPrivateAndGone();
    }

    @Test
    void aFailedCopyStillDeletesTheStaging() {
        CallToolResult result = calls.call("read_file", Map.of("sessionId", id, "path", "/missing"));
        assertThat(result.isError()).isTrue();
        assertThat(Calls.text(result)).isEqualTo("/missing does not exist");
        assertStagingPrivateAndGone();
    }

    @Test
    void aCancelledCopyStillDeletesTheStaging() throws Exception {
        calls.sandbox.block = true;
        CompletableFuture<CallToolResult> pending = CompletableFuture.supplyAsync(() -> calls.call("write_file",
                Map.of("sessionId", id, "path", "/tmp/a", "content", "x"), Map.of(InFlightCalls.REQUEST_ID_META, "9"),
                null));
        assertThat(calls.sandbox.started.await(30, TimeUnit.SECONDS)).isTrue();
        calls.inFlight.cancel("9");
        assertThat(Calls.text(pending.get(30, TimeUnit.SECONDS)))
                .isEqualTo("cancelled: the copy was stopped; the file in the session may be missing or partly written");
        assertStagingPrivateAndGone();
    }

    @Test
    void aCancelledReadSaysNothingWasReadAndDeletesTheStaging() throws Exception {
        calls.sandbox.files.put("/tmp/a", new byte[] {1});
        calls.sandbox.block = true;
        CompletableFuture<CallToolResult> pending = CompletableFuture.supplyAsync(() -> calls.call("read_file",
                Map.of("sessionId", id, "path", "/tmp/a"), Map.of(InFlightCalls.REQUEST_ID_META, "10"), null));
        assertThat(calls.sandbox.started.await(30, TimeUnit.SECONDS)).isTrue();
        calls.inFlight.cancel("10");
        assertThat(Calls.text(pending.get(30, TimeUnit.SECONDS)))
                .isEqualTo("cancelled: nothing was read; the session is unchanged");
        assertStagingPrivateAndGone();
    }

    @Test
    void aNameOverTheFileSystemsLimitIsAnArgumentErrorAndNothingIsStaged() {
        for (String tool : java.util.List.of("write_file", "read_file")) {
            Map<String, Object> arguments = tool.equals("write_file")
                    ? Map.of("sessionId", id, "path", "/workspace/" + "n".repeat(300), "content", "x")
                    : Map.of("sessionId", id, "path", "/workspace/" + "é".repeat(128) + "/a"); // 256 bytes
            CallToolResult result = calls.call(tool, arguments);
            assertThat(result.isError()).isTrue();
            assertThat(Calls.text(result)).as(tool).startsWith("argument path takes names of at most 255 bytes each")
                    .doesNotContain("internal error");
        }
        assertThat(calls.sandbox.stagingDirectories).isEmpty();
        assertThat(calls.call("write_file", Map.of("sessionId", id, "path", "/workspace/" + "n".repeat(255),
                "content", "x")).isError()).isFalse();
    }

    @Test
    void aFailedCopyShowsSessionPathsNotTheServersStaging() {
        calls.sandbox.copyFails = true;
        CallToolResult written = calls.call("write_file", Map.of("sessionId", id, "path", "/workspace/src/a.py",
                "content", "x"));
        assertThat(Calls.text(written)).isEqualTo("copying /workspace/src/a.py into /workspace/src failed (tar exit 2):"
                + " tar: can't create directory: Read-only file system");
        CallToolResult read = calls.call("read_file", Map.of("sessionId", id, "path", "/etc/motd"));
        assertThat(Calls.text(read)).isEqualTo("cannot write in /etc: cannot copy to /etc/motd (no space left)");
        CallToolResult top = calls.call("read_file", Map.of("sessionId", id, "path", "/motd"));
        assertThat(Calls.text(top)).isEqualTo("cannot write in /: cannot copy to /motd (no space left)");
        assertStagingPrivateAndGone();
    }

    private void assertStagingPrivateAndGone() {
        assertThat(calls.sandbox.stagingDirectories).isNotEmpty()
                .allSatisfy(directory -> assertThat(Files.exists(directory)).as("%s", directory).isFalse());
        assertThat(calls.sandbox.stagingPermissions).containsOnly("rwx------");
    }
}
