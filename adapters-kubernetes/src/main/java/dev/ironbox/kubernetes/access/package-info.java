/**
 * Internal: the permissions the runtime needs in its namespace (the one list the Role in {@code deploy/kubernetes}
 * and {@code ironbox doctor} are checked against), and asking the API server which of them this identity has.
 */
package dev.ironbox.kubernetes.access;
