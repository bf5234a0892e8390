/**
 * What the command line and the Java API share about settings: the invoking process ({@link
 * dev.ironbox.core.settings.CliContext}), a run's configured values, egress settings and the trust in a project's
 * config file. Both the CLI ({@code dev.ironbox.cli}) and the composition root ({@code dev.ironbox.app}) use these
 * types, so neither has to import the other.
 */
package dev.ironbox.core.settings;
