package dev.ironbox.podman;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

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
    record Host(Security security, String cgroupVersion, List<String> cgroupControllers) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Security(boolean rootless) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Container(String id, State state, HostConfig hostConfig) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(String status, boolean running, int exitCode, boolean oomKilled) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HostConfig(boolean init, long memory) {}

    /** One entry of {@code containers/json}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Summary(String id) {}

    /** One report of {@code DELETE containers/{id}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RemoveReport(String id, String err) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Exec(boolean running, Integer exitCode) {}

    /** One line of the {@code images/pull} progress stream. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PullProgress(String stream, String error, String id) {}

    /** {@code networks/create}, {@code networks/json} and {@code networks/{name}/json}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Network(String name, String id, List<Subnet> subnets, boolean internal) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Subnet(String subnet, String gateway) {}

    /** One entry of {@code containers/json} filtered by network: the pod tells a network's anchor apart. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NetworkUser(String id, List<String> names, String podName) {}
}
