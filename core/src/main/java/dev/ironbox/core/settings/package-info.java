/**
 * Settings, typed once, and what the command line and the Java API share about them: the keys a sandbox is configured
 * by ({@link dev.ironbox.core.settings.SettingKey}), the typed values each source gives
 * ({@link dev.ironbox.core.settings.SettingsLayer}: config files, environment, flags, the Java builder), the one place
 * that decides which applies and records where it came from ({@link dev.ironbox.core.settings.Precedence}), the
 * invoking process ({@link dev.ironbox.core.settings.CliContext}), egress settings and the trust in a project's
 * config file. Both the CLI ({@code dev.ironbox.cli}) and the composition root ({@code dev.ironbox.app}) use these
 * types, so neither has to import the other. Pure JDK and core types.
 */
package dev.ironbox.core.settings;
