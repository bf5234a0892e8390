package dev.ironbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.label.OwnerLabels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's own record of what a process made, asked of its API's events endpoint: a container created and removed
 * between two listings leaves no trace in them, but it leaves a {@code create} event. So "a refused call made nothing"
 * can be checked, not just "left nothing". The API, not the {@code podman events} command: Podman's command reads
 * its own event log, which need not be the API service's.
 */
final class EngineEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SOCKETS = Map.of(
            "docker", hostSocket("DOCKER_HOST", "/var/run/docker.sock"),
            "podman", hostSocket("CONTAINER_HOST", "/run/podman/podman.sock"));

    private EngineEvents() {}

    /** The ids of containers {@code engine} created with the owner label of {@code pid} from {@code since} to now. */
    static List<String> created(String engine, long pid, Instant since) throws IOException {
        String filters = JSON.writeValueAsString(Map.of("type", List.of("container"), "event", List.of("create"),
                "label", List.of(OwnerLabels.OWNER_PID + "=" + pid)));
        String query = "since=" + (since.getEpochSecond() - 1) + "&filters="
                + URLEncoder.encode(filters, StandardCharsets.UTF_8);
        // Docker streams until "until" (a second ahead: every event of this second is in); Podman 4.3 answers nothing
        // when "until" is given, and without streaming ends its answer at the present
        String path = engine.equals("podman") ? "/v4.0.0/libpod/events?stream=false&" + query
                : "/events?until=" + (Instant.now().getEpochSecond() + 1) + "&" + query;
        String socket = SOCKETS.get(engine);
        List<String> ids = new ArrayList<>();
        try (MappingIterator<JsonNode> events = JSON.readerFor(JsonNode.class).readValues(get(socket, path))) {
            while (events.hasNext()) {
                JsonNode event = events.next();
                ids.add(event.path("Actor").path("ID").asText(event.path("id").asText()));
            }
        }
        return ids;
    }

    /** The body of an HTTP/1.0 GET (the engine closes the connection after it: no chunks to undo). */
    private static byte[] get(String socket, String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: engine\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            Channels.newInputStream(channel).transferTo(response);
            String text = response.toString(StandardCharsets.ISO_8859_1);
            int body = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.") || body < 0 || !text.substring(0, text.indexOf("\r\n")).contains(" 200")) {
                throw new AssertionError("the events of " + socket + " answered: "
                        + text.substring(0, Math.min(text.length(), 500)));
            }
            return text.substring(body + 4).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static String hostSocket(String variable, String fallback) {
        String host = System.getenv(variable);
        return host != null && host.startsWith("unix://") ? host.substring("unix://".length()) : fallback;
    }
}
