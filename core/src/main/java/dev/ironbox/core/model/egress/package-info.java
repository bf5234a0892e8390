/**
 * Egress: which hosts a sandbox may reach through Ironbox's proxy, which credentials the proxy adds on the way out,
 * and what it saw. Plain records; parsing and matching live beside them.
 */
package dev.ironbox.core.model.egress;
