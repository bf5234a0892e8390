package dev.ironbox.app;

import dev.ironbox.core.model.RuntimeSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Puts the runtime tables ({@code [kubernetes]}) of several config files together, key by key: a later file's key
 * replaces an earlier one's. A project's file may not change what the user's file (or the runtime's default) says
 * until it is trusted: every key it sets to another value than the one applying needs trust, as the cluster,
 * namespace or runtime class decide where the workspace goes and how the sandbox is isolated.
 */
final class RuntimeTableLayers {

    private RuntimeTableLayers() {}

    /**
     * The keys of {@code added} ({@code kubernetes.namespace}) whose value differs from {@code applied}'s, with the
     * new value as displayed.
     */
    static Map<String, String> changes(Map<String, RuntimeSettings> applied, Map<String, RuntimeSettings> added) {
        Map<String, String> changed = new TreeMap<>();
        added.forEach((id, table) -> table.values().forEach((key, value) -> {
            RuntimeSettings base = applied.get(id);
            if (base == null || !value.equals(base.values().get(key))) {
                changed.put(id + "." + key, display(value));
            }
        }));
        return changed;
    }

    /** Applies {@code added} over {@code tables}, but for the keys ({@code kubernetes.namespace}) {@code held}. */
    static void apply(Map<String, RuntimeSettings> tables, Map<String, RuntimeSettings> added, Set<String> held) {
        added.forEach((id, table) -> {
            RuntimeSettings base = tables.getOrDefault(id, RuntimeSettings.NONE);
            Map<String, String> values = new LinkedHashMap<>(base.values());
            Map<String, String> sources = new LinkedHashMap<>(base.sources());
            table.values().forEach((key, value) -> {
                if (!held.contains(id + "." + key)) {
                    values.put(key, value);
                    sources.put(key, table.sources().get(key));
                }
            });
            tables.put(id, new RuntimeSettings(values, sources));
        });
    }

    /** An untrusted file's value goes to the terminal: no control characters, and not a screenful. */
    private static String display(String value) {
        String printable = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 100 ? printable : printable.substring(0, 97) + "...";
    }
}
