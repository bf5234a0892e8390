/**
 * Settings, typed once: the keys a sandbox is configured by ({@link dev.ironbox.core.settings.SettingKey}), the typed
 * values each source gives ({@link dev.ironbox.core.settings.SettingsLayer}: config files, environment, flags, the
 * Java builder), and the one place that decides which applies and records where it came from
 * ({@link dev.ironbox.core.settings.Precedence}). Pure JDK and core types: the command line and the composition root
 * both use it without one importing the other.
 */
package dev.ironbox.core.settings;
