package dev.ironbox.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server over raw JSON lines: the handshake, bad input, concurrency, cancellation and every way it ends. */
class IronboxMcpServerTest {

    private final ServedServer server = new ServedServer();

    @AfterEach
    void endsAndWroteOnlyJsonRpcLines() throws Exception {
        server.in.end();
        ServedServer.await(server.returned, "serve returned after the end of input");
        for (String line : server.out.everything()) {
            JsonNode message = ServedServer.JSON.readTree(line);
            assertThat(message.isObject()).as(line).isTrue();
            assertThat(message.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
        }
    }

    @Test
    void initializeAnnouncesIronboxWithToolsAndInstructions() throws Exception {
        JsonNode result = server.initialize().path("result");

        assertThat(result.path("serverInfo").path("name").asText()).isEqualTo("ironbox");
        assertThat(result.path("serverInfo").path("version").asText()).isEqualTo("9.9.9-test");
        assertThat(result.path("capabilities").has("tools")).isTrue();
        assertThat(result.path("protocolVersion").asText()).isEqualTo("2025-06-18");
        assertThat(result.path("instructions").asText()).contains("sandbox", "session", "operator");
    }

    @Test
    void toolsListGivesTheToolsServed() throws Exception {
        server.initialize();

        JsonNode tools = server.ask(2, "tools/list", "{}").path("result").path("tools");

        assertThat(tools.findValuesAsText("name")).containsExactly("echo", "block", "late");
        assertThat(tools.get(0).path("inputSchema").path("required").get(0).asText()).isEqualTo("text");
    }

    @Test
    void aToolCallSeesItsRequestIdInMeta() throws Exception {
        server.initialize();

        JsonNode result = server.ask(7, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"},"
                + "\"_meta\":{\"dev.ironbox/request-id\":\"forged\",\"progressToken\":3}}").path("result");

        // the id replaces a client's own value; the client's other _meta (its progress token) is kept
        assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("hi 7 progress=3");
        assertThat(result.path("isError").asBoolean()).isFalse();
    }

    @Test
    void aLineThatIsNotJsonIsAParseErrorAndServingGoesOn() throws Exception {
        server.initialize();

        server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":");
        JsonNode error = server.next();
        JsonNode answer = server.ask(3, "tools/list", "{}");

        assertThat(error.path("id").isNull()).as(error.toString()).isTrue();
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(error.path("error").path("message").asText()).startsWith("Parse error: ");
        assertThat(answer.path("result").path("tools").size()).isEqualTo(3);
    }

    @Test
    void jsonThatIsNotJsonRpcIsAnInvalidRequestWithItsId() throws Exception {
        server.initialize();
        List<JsonNode> errors = new ArrayList<>();

        for (String line : List.of("{\"jsonrpc\":\"1.0\",\"id\":41,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"a-42\"}", "{\"jsonrpc\":\"2.0\",\"id\":43,\"method\":7}",
                "{\"jsonrpc\":\"2.0\",\"id\":44,\"method\":\"tools/list\",\"params\":[1]}", "[{}]", "42",
                "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}")) {
            server.send(line);
            errors.add(server.next());
        }
        JsonNode answer = server.ask(3, "ping", "{}");

        assertThat(errors).allSatisfy(error -> {
            assertThat(error.path("error").path("code").asInt()).as(error.toString()).isEqualTo(-32600);
            assertThat(error.path("error").path("message").asText()).startsWith("Invalid Request: ");
        });
        assertThat(errors.stream().map(error -> error.path("id").asText()).toList())
                .containsExactly("41", "a-42", "43", "44", "null", "null", "null", "null");
        assertThat(answer.has("result")).isTrue();
    }

    @Test
    void aLineOverTheLimitIsAnInvalidRequestNamingTheLimitAndIsSkipped() throws Exception {
        server.initialize();
        byte[] huge = new byte[32 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) 'x');

        server.in.sendRaw(huge);
        server.in.sendRaw("\n".getBytes(StandardCharsets.UTF_8));
        JsonNode error = server.next();
        JsonNode answer = server.ask(3, "ping", "{}");

        assertThat(error.path("id").isNull()).isTrue();
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(error.path("error").path("message").asText()).contains("33554432 bytes (32 MiB)", "skipped");
        assertThat(answer.has("result")).isTrue();
    }

    @Test
    void anUnknownMethodIsTheSdksMethodNotFound() throws Exception {
        server.initialize();

        JsonNode error = server.ask(5, "tools/frobnicate", "{}").path("error");

        assertThat(error.path("code").asInt()).isEqualTo(-32601);
        assertThat(error.path("message").asText()).contains("tools/frobnicate");
    }

    @Test
    void aLongCallHoldsUpNeitherOtherCallsNorItsCancellation() throws Exception {
        server.initialize();
        server.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"block\"}}");
        ServedServer.await(server.blockStarted, "the blocking call started");

        JsonNode echoed = server.ask(11, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"meanwhile\"}}");
        server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":10}}");
        JsonNode cancelled = server.next();
        JsonNode after = server.ask(12, "tools/list", "{}");

        assertThat(echoed.path("result").path("content").get(0).path("text").asText()).isEqualTo("meanwhile 11");
        assertThat(cancelled.path("id").asInt()).isEqualTo(10);
        assertThat(cancelled.path("result").path("isError").asBoolean()).isTrue();
        assertThat(cancelled.path("result").path("content").get(0).path("text").asText()).isEqualTo("cancelled");
        assertThat(server.blockCleanedUp.getCount()).isZero();
        assertThat(after.path("result").path("tools").size()).isEqualTo(3);
    }

    @Test
    void aCancellationBeforeTheCallReachedInFlightCallsStillCancelsIt() throws Exception {
        server.initialize();
        server.send("{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"tools/call\",\"params\":{\"name\":\"late\"}}");
        ServedServer.await(server.lateEntered, "the late call's handler started");
        server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":20}}");
        server.ask(21, "nothing/here", "{}"); // answered in order: the cancellation has been read

        server.lateMayGoOn.countDown();
        JsonNode cancelled = server.next();

        assertThat(cancelled.path("id").asInt()).isEqualTo(20);
        assertThat(cancelled.path("result").path("content").get(0).path("text").asText()).isEqualTo("cancelled");
        assertThat(server.ask(22, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"on\"}}")
                .path("result").path("content").get(0).path("text").asText()).isEqualTo("on 22");
    }

    @Test
    void theEndOfInputCancelsRunningCallsClosesTheToolsAndReturns() throws Exception {
        server.initialize();
        server.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"block\"}}");
        ServedServer.await(server.blockStarted, "the blocking call started");

        server.in.end();

        ServedServer.await(server.returned, "serve returned");
        assertThat(server.blockCleanedUp.getCount()).as("the running call cleaned up").isZero();
        assertThat(server.toolsClosed.getCount()).as("the tools were closed").isZero();
        assertThat(server.interruptedOnReturn).isFalse();
    }

    @Test
    void anInterruptCancelsRunningCallsClosesTheToolsAndReturnsInterrupted() throws Exception {
        server.initialize();
        server.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"block\"}}");
        ServedServer.await(server.blockStarted, "the blocking call started");

        server.thread.interrupt();

        ServedServer.await(server.returned, "serve returned");
        assertThat(server.blockCleanedUp.getCount()).as("the running call cleaned up").isZero();
        assertThat(server.toolsClosed.getCount()).as("the tools were closed").isZero();
        assertThat(server.interruptedOnReturn).as("the interrupt is restored").isTrue();
        JsonNode cancelled = server.next();
        assertThat(cancelled.path("id").asInt()).as("the cancelled call was answered before the end").isEqualTo(10);
    }

    @Test
    void aClientThatCannotBeWrittenToEndsServing() throws Exception {
        server.in.end(); // this test's own server below
        ServedServer broken = new ServedServer(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });

        broken.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");

        ServedServer.await(broken.returned, "serve returned");
        assertThat(broken.toolsClosed.getCount()).isZero();
    }
}
