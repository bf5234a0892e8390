package dev.ironbox.podman;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The parts of libpod's JSON answers this adapter reads. Property names match case-insensitively ({@code ExitCode},
 * {@code cgroupVersion}), and every other field is ignored, so newer engines that add fields still parse.
 */
final class Libpod {

    private Libpod() {}

    /** Every error answer: {@code {"cause":"no such container","message":"...","response":404}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(String message, String cause, Integer response) {}

    /** {@code containers/create} and {@code containers/{id}/exec}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Created(String id, List<String> warnings) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Version(String version, String apiVersion) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Info(Host host) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Host(Security security, String cgroupVersion, List<String> cgroupControllers, Integer cpus,
            Long memTotal) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Security(boolean rootless) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Container(String id, State state, HostConfig hostConfig) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(String status, boolean running, int exitCode, boolean oomKilled) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HostConfig(boolean init, long memory) {}

    /**
     * One entry of {@code containers/json}, as {@code describeByLabel} reads it. {@code created} is an RFC 3339
     * string on Podman 4 (see {@link Times}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Listed(String id, List<String> names, String image, List<String> command, JsonNode created, String state,
            Map<String, String> labels) {}

    /** One report of {@code DELETE containers/{id}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RemoveReport(String id, String err) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Exec(boolean running, Integer exitCode, Integer pid) {}

    /**
     * One entry of {@code images/json} (its {@code created} is epoch seconds) or the answer of
     * {@code images/{name}/json} (an RFC 3339 string; its labels are also under {@code Config}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Image(String id, List<String> repoTags, JsonNode created, long size, Map<String, String> labels) {}

    /** The answer of {@code DELETE images/{name}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ImageRemoval(List<String> deleted, List<String> untagged, List<String> errors) {}

    /** One line of the {@code images/pull} progress stream. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PullProgress(String stream, String error, String id) {}

    /** {@code networks/create}, {@code networks/json} and {@code networks/{name}/json}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Network(String name, String id, List<Subnet> subnets, boolean internal, Map<String, String> labels) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Subnet(String subnet, String gateway) {}

    /** One entry of {@code containers/json} filtered by network: the pod tells a network's anchor apart. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NetworkUser(String id, List<String> names, String podName) {}
}
