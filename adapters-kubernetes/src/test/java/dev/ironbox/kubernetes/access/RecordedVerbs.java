package dev.ironbox.kubernetes.access;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Every request the mock API server received, as RBAC authorizes it: {@code (group, resource[/subresource], verb)}.
 * A scenario drains the server before it starts ({@link #drain}), runs, drains again and checks each access with
 * {@link #notGranted}: what the code does must stay within {@link RequiredAccess} (and so within the shipped Role).
 * Reusable by any scenario on a {@code @EnableKubernetesMockClient} server.
 */
public final class RecordedVerbs {

    /**
     * One request as RBAC sees it.
     *
     * @param group the API group ({@code ""}: core); empty for a non-resource URL
     * @param resource {@code pods}, {@code pods/exec}, ...; {@code nonresource:/version} for a non-resource URL
     * @param verb {@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code patch},
     *     {@code delete} or {@code deletecollection}
     * @param request the method and path, for messages
     */
    public record Access(String group, String resource, String verb, String request) {

        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + " (" + request + ")";
        }
    }

    /** The header marking {@link #setUpClient}'s requests, which {@link #drain} and {@link #accessesOf} skip. */
    private static final String SET_UP_HEADER = "X-Ironbox-Scenario-Set-Up";

    /** Subresources whose WebSocket upgrade (a GET) newer API servers also authorize as {@code create}. */
    private static final Set<String> CONNECT = Set.of("pods/exec", "pods/attach", "pods/portforward");

    private RecordedVerbs() {}

    /** Takes every request the server recorded so far (none is left for the next drain). */
    public static List<Access> drain(KubernetesMockServer server) throws InterruptedException {
        List<Access> accesses = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
            accesses.addAll(accessesOf(request));
        }
        return accesses;
    }

    /**
     * A client on {@code client}'s server whose requests are the scenario's set-up (the kubelet's part: pod
     * statuses), not the runtime's: {@link #drain} leaves them out.
     */
    public static KubernetesClient setUpClient(KubernetesClient client) {
        Config config = new ConfigBuilder(client.getConfiguration()).addToCustomHeaders(SET_UP_HEADER, "true")
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The accesses one recorded request needs; none for a {@link #setUpClient} request. A WebSocket upgrade of
     * exec or attach is a GET, which API servers before 1.30 authorize as {@code get}; from 1.30
     * (AuthorizePodWebsocketUpgradeCreatePermission, on by default) it needs {@code create} as well: both.
     */
    public static List<Access> accessesOf(RecordedRequest request) {
        if (request.getHeader(SET_UP_HEADER) != null) {
            return List.of();
        }
        Access access = of(request.getMethod(), request.getPath());
        if (access.verb().equals("get") && CONNECT.contains(access.resource())) {
            return List.of(access, new Access(access.group(), access.resource(), "create", access.request()));
        }
        return List.of(access);
    }

    /** The access a request asks for, by Kubernetes' request-info rules (verbs from method and path). */
    public static Access of(String method, String path) {
        URI uri = URI.create(path);
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        boolean watch = Arrays.asList(query.split("&")).contains("watch=true");
        List<String> parts = Arrays.stream(uri.getRawPath().split("/")).filter(p -> !p.isEmpty()).toList();
        String request = method + " " + path;
        int rest;
        String group;
        if (!parts.isEmpty() && parts.get(0).equals("api") && parts.size() > 2) {
            group = "";
            rest = 2;
        } else if (!parts.isEmpty() && parts.get(0).equals("apis") && parts.size() > 3) {
            group = parts.get(1);
            rest = 3;
        } else {
            return new Access("", "nonresource:" + uri.getRawPath(), method.toLowerCase(Locale.ROOT), request);
        }
        List<String> resourceParts = parts.subList(rest, parts.size());
        if (resourceParts.get(0).equals("namespaces") && resourceParts.size() > 2) {
            resourceParts = resourceParts.subList(2, resourceParts.size()); // a namespaced resource
        }
        String resource = resourceParts.get(0);
        boolean named = resourceParts.size() > 1;
        if (resourceParts.size() > 2) {
            resource += "/" + resourceParts.get(2);
        }
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
        return new Access(group, resource, verb, request);
    }

    /** The accesses {@link RequiredAccess} neither grants nor lists as optional; empty when all are. */
    public static List<Access> notGranted(List<Access> accesses) {
        return accesses.stream()
                .filter(a -> !RequiredAccess.grants(a.group(), a.resource(), a.verb())
                        && !RequiredAccess.optional(a.group(), a.resource(), a.verb()))
                .toList();
    }
}
