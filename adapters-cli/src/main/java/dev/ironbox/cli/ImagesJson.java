package dev.ironbox.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ironbox.core.model.ImageSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --json} form of {@code ironbox image ls}: {@code {"runtime": "docker", "images": [{"id", "tags",
 * "created" (ISO-8601), "sizeBytes", "hostTools", "labels"}]}}.
 */
@JsonPropertyOrder({"runtime", "images"})
record ImagesJson(String runtime, List<Image> images) {

    /** The label core gives a host-tools image. */
    static final String HOST_TOOLS_LABEL = "dev.ironbox.host-tools";

    static ImagesJson of(String runtime, List<ImageSummary> images) {
        return new ImagesJson(runtime, images.stream().map(Image::of).toList());
    }

    /** One image; {@code labels} sorted by name. */
    @JsonPropertyOrder({"id", "tags", "created", "sizeBytes", "hostTools", "labels"})
    record Image(String id, List<String> tags, String created, long sizeBytes, boolean hostTools,
            Map<String, String> labels) {

        static Image of(ImageSummary image) {
            return new Image(image.id(), image.tags(), image.created().toString(), image.sizeBytes(),
                    isHostTools(image), new TreeMap<>(image.labels()));
        }
    }

    static boolean isHostTools(ImageSummary image) {
        return image.labels().containsKey(HOST_TOOLS_LABEL);
    }

    /** The first 12 hex digits of the id, without {@code sha256:}, as {@code docker images} shows it. */
    static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
