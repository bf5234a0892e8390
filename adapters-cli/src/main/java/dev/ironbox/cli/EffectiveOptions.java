package dev.ironbox.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's options after precedence (flag &gt; config file &gt; default): their values as flags would spell them,
 * and where each came from.
 *
 * @param settings by long option name ({@code --timeout}), in display order
 * @param lists the values of repeatable options ({@code --env}), the file's first
 */
record EffectiveOptions(Map<String, Setting> settings, Map<String, List<String>> lists) {

    EffectiveOptions {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        lists = Map.copyOf(lists);
    }

    /** The value of a single-valued option; it must have been resolved. */
    String value(String option) {
        Setting setting = settings.get(option);
        if (setting == null) {
            throw new IllegalArgumentException("not resolved: " + option);
        }
        return setting.value();
    }

    /** The values of a repeatable option, empty when it was not resolved. */
    List<String> list(String option) {
        return lists.getOrDefault(option, List.of());
    }

    /** The settings, in display order. */
    List<Setting> all() {
        return List.copyOf(settings.values());
    }
}
