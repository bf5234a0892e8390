/**
 * The egress entry points the composition root uses, exported: {@link dev.ironbox.core.egress.EnvironmentSecrets} (the
 * default {@code SecretResolverPort}; host I/O: the process environment) and {@link
 * dev.ironbox.core.egress.HostIsolation} (whether the sandboxes are kept from the host). The per-run set-up is in the
 * internal {@code egress.setup}.
 */
package dev.ironbox.core.egress;
