package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerConfig;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Describes containers by label: the list call finds them, an inspect of each gives the argv as an array (the list
 * call has only the command joined by spaces, which cannot be split back reliably).
 */
final class DockerContainerDescriptions {

    private final DockerClient client;

    DockerContainerDescriptions(DockerClient client) {
        this.client = client;
    }

    List<ContainerSummary> describeByLabel(String key, String value) {
        List<Container> containers;
        try {
            containers = client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value)).exec();
        } catch (RuntimeException e) {
            throw DockerErrors.container("cannot list containers labelled " + key + "=" + value, e);
        }
        List<ContainerSummary> described = new ArrayList<>(containers.size());
        for (Container container : containers) {
            // a container removed since the list (auto-remove, another process) is no longer there to describe
            inspect(container.getId()).ifPresent(inspected -> described.add(summary(container, inspected)));
        }
        return described;
    }

    private Optional<InspectContainerResponse> inspect(String id) {
        try {
            return Optional.of(client.inspectContainerCmd(id).exec());
        } catch (RuntimeException e) {
            if (DockerErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw DockerErrors.container("cannot inspect container " + id, e);
        }
    }

    static ContainerSummary summary(Container listed, InspectContainerResponse inspected) {
        ContainerConfig config = inspected.getConfig();
        List<String> command = new ArrayList<>();
        Map<String, String> labels = Map.of();
        String image = listed.getImage();
        if (config != null) {
            command.addAll(array(config.getEntrypoint()));
            command.addAll(array(config.getCmd()));
            labels = config.getLabels() == null ? Map.of() : config.getLabels();
            image = config.getImage() == null ? image : config.getImage();
        }
        boolean running = inspected.getState() != null && Boolean.TRUE.equals(inspected.getState().getRunning());
        return new ContainerSummary(new ContainerId(inspected.getId()), name(inspected.getName()),
                image == null ? "" : image, command, created(inspected.getCreated(), listed.getCreated()), running,
                labels);
    }

    static String name(String name) {
        if (name == null) {
            return "";
        }
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /** The inspect's RFC 3339 time (nanoseconds), else the list's whole seconds. */
    static Instant created(String rfc3339, Long epochSeconds) {
        if (rfc3339 != null) {
            try {
                return Instant.parse(rfc3339);
            } catch (DateTimeParseException e) {
                // fall back to the list's time
            }
        }
        return Instant.ofEpochSecond(epochSeconds == null ? 0 : epochSeconds);
    }

    private static List<String> array(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
