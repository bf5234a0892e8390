/**
 * Internal: this instance's renewed Lease, which owns every pod and policy it creates; expired Leases.
 */
package dev.ironbox.kubernetes.owner;
