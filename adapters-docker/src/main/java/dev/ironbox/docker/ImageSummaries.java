package dev.ironbox.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Image;
import dev.ironbox.core.model.ImageSummary;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** docker-java's image answers as core {@link ImageSummary} values. */
final class ImageSummaries {

    /** What Docker lists for an untagged image. */
    private static final String NO_TAG = "<none>:<none>";

    private ImageSummaries() {}

    static ImageSummary of(InspectImageResponse image) {
        Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
        return new ImageSummary(image.getId(), tags(image.getRepoTags()), created(image.getCreated()),
                image.getSize() == null ? 0 : image.getSize(), labels == null ? Map.of() : labels);
    }

    static ImageSummary of(Image image) {
        List<String> tags = image.getRepoTags() == null ? List.of() : Arrays.asList(image.getRepoTags());
        return new ImageSummary(image.getId(), tags(tags),
                Instant.ofEpochSecond(image.getCreated() == null ? 0 : image.getCreated()),
                image.getSize() == null ? 0 : image.getSize(),
                image.getLabels() == null ? Map.of() : image.getLabels());
    }

    static List<String> tags(List<String> repoTags) {
        return repoTags == null ? List.of() : repoTags.stream().filter(t -> t != null && !t.equals(NO_TAG)).toList();
    }

    /** An RFC 3339 time; the epoch when the engine gave none it could parse (an image always has one). */
    static Instant created(String rfc3339) {
        if (rfc3339 == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
