package dev.ironbox.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.MessageText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
     * Creates image {@code reference} ({@code repository:tag}) from {@code rootfsTar}, read to its end, applying
     * {@code changes} (Dockerfile instructions such as {@code LABEL "k"="v"}, see {@link ImageLabels}).
     *
     * @throws ImageUnavailableException when the engine refuses the archive or a change, with the engine's reason
     */
    void importRootfs(String reference, InputStream rootfsTar, List<String> changes) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path(path(reference, changes))
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
            throw new ImageUnavailableException(context + ": " + DockerErrors.bodyMessage(answer, "message",
                    "HTTP " + status + " " + answer.strip()));
        }
        // a refusal found while reading the archive arrives in the 200 progress stream
        Optional<String> error = DockerErrors.jsonString(answer, "error");
        if (error.isPresent()) {
            throw new ImageUnavailableException(context + ": "
                    + MessageText.cut(error.get(), DockerErrors.LONGEST_QUOTE));
        }
    }

    /** {@code /images/create?fromSrc=-&repo=...&changes=...&changes=...}, every value URL-encoded. */
    static String path(String reference, List<String> changes) {
        StringBuilder path = new StringBuilder("/images/create?fromSrc=-&repo=").append(encode(reference));
        for (String change : changes) {
            path.append("&changes=").append(encode(change));
        }
        return path.toString();
    }

    private static String encode(String value) {
        // URLEncoder writes form encoding: a space becomes '+', which Go's query parser also reads as a space
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
