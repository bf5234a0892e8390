/**
 * Network access for a run or session: {@link dev.ironbox.core.egress.EgressSetup} makes the internal network, the
 * proxy lease and the firewall opening, {@code EgressSession} undoes them; {@code ResolvedEgress}; entry points
 * {@link dev.ironbox.core.egress.EnvironmentSecrets} (the default {@code SecretResolverPort}) and {@link
 * dev.ironbox.core.egress.HostIsolation} (whether the sandboxes are kept from the host). Host I/O: {@code EgressSetup}
 * and {@code EgressSession} (a temporary directory for the CA files), {@code EnvironmentSecrets} (the process
 * environment).
 */
package dev.ironbox.core.egress;
