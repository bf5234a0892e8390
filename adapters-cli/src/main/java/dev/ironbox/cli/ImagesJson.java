package dev.ironbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.ImageSummary;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --json} form of {@code ironbox image ls}: {@code {"runtime": "docker", "images": [{"id", "tags",
 * "created" (ISO-8601), "sizeBytes", "hostTools", "labels"}]}}.
 */
final class ImagesJson {

    /** The label core gives a host-tools image. */
    static final String HOST_TOOLS_LABEL = "dev.ironbox.host-tools";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ImagesJson() {}

    static String write(String runtime, List<ImageSummary> images) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("runtime", runtime);
        fields.put("images", images.stream().map(ImagesJson::image).toList());
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> image(ImageSummary image) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", image.id());
        fields.put("tags", image.tags());
        fields.put("created", image.created().toString());
        fields.put("sizeBytes", image.sizeBytes());
        fields.put("hostTools", isHostTools(image));
        fields.put("labels", new TreeMap<>(image.labels()));
        return fields;
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
