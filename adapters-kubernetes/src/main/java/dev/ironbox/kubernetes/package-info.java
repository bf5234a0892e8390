/**
 * Ironbox's runtime ports on a Kubernetes cluster (fabric8 client on OkHttp).
 * {@link dev.ironbox.kubernetes.KubernetesRuntime} is the entry point, {@link dev.ironbox.kubernetes.KubernetesRuntimeProvider}
 * makes it selectable ({@code kubernetes}, never by {@code auto}), {@link dev.ironbox.kubernetes.KubernetesOptions} are
 * its settings in code. The subpackages are internal: their classes are public only for each other.
 */
package dev.ironbox.kubernetes;
