package dev.ironbox.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.ironbox.core.error.ImageUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code docker import}: {@code POST /images/create?fromSrc=-} with the root filesystem tar as the body, sent through
 * docker-java's transport. docker-java has no import command, and its {@code createImageCmd(repository, stream)}
 * sends the stream object JSON-encoded instead of its bytes (3.7.1; the engine answers "unexpected EOF", see
 * docker-java issue 2377), so this adapter makes the one request itself.
 */
final class DockerImport {

    private final DockerHttpClient transport;

    DockerImport(DockerHttpClient transport) {
        this.transport = transport;
    }

    /**
     * Creates image {@code reference} ({@code repository:tag}) from {@code rootfsTar}, read to its end.
     *
     * @throws ImageUnavailableException when the engine refuses the archive, with the engine's reason
     */
    void importRootfs(String reference, InputStream rootfsTar) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/images/create?fromSrc=-&repo=" + URLEncoder.encode(reference, StandardCharsets.UTF_8))
                .putHeader("Content-Type", "application/x-tar")
                .body(rootfsTar)
                .build();
        String context = "the engine refused the root filesystem for image " + reference;
        String answer;
        int status;
        try (DockerHttpClient.Response response = transport.execute(request)) {
            status = response.getStatusCode();
            answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ImageUnavailableException(context + ": " + DockerErrors.reason(e), e);
        }
        if (status < 200 || status > 299) {
            throw new ImageUnavailableException(context + ": " + DockerErrors.jsonString(answer, "message")
                    .orElse("HTTP " + status + " " + answer.strip()));
        }
        // a refusal found while reading the archive arrives in the 200 progress stream
        Optional<String> error = DockerErrors.jsonString(answer, "error");
        if (error.isPresent()) {
            throw new ImageUnavailableException(context + ": " + error.get());
        }
    }
}
