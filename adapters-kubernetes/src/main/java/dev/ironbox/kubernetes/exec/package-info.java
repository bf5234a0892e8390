/**
 * Internal: commands in a running pod (sessions, copies) through the API server's exec; images.
 */
package dev.ironbox.kubernetes.exec;
