/**
 * Network access for a run or session, internal to core: {@link dev.ironbox.core.egress.setup.EgressSetup} makes the
 * internal network, the proxy lease and the firewall opening, {@link dev.ironbox.core.egress.setup.EgressSession}
 * undoes them, {@link dev.ironbox.core.egress.setup.ResolvedEgress} is a run's policy with its secrets resolved. Host
 * I/O: {@code EgressSetup} and {@code EgressSession} (a temporary directory for the CA files).
 */
package dev.ironbox.core.egress.setup;
