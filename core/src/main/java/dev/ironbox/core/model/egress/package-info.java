/**
 * Egress: which hosts a sandbox may reach through Ironbox's proxy, which credentials the proxy adds on the way out,
 * and what it saw. Values are records that validate themselves; {@link dev.ironbox.core.model.egress.AllowRule#parse}
 * and {@link dev.ironbox.core.model.egress.CredentialMapping#parse} read the text forms of the CLI and configuration;
 * {@link dev.ironbox.core.model.egress.EgressPolicy} judges requests by name (before DNS) and by resolved address
 * (after DNS). Nothing here resolves a name: IP literals are parsed without lookups, and resolution is the proxy's.
 */
package dev.ironbox.core.model.egress;
