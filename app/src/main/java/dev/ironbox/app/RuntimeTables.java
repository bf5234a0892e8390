package dev.ironbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.RuntimeSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The config file's tables named after an installed runtime ({@code [kubernetes]}): each key is checked against the
 * keys its provider takes ({@code ContainerRuntimeProvider.settingNames()}), so a typo is named with its file and
 * line as any other key is; the values stay text, for the provider to check when it connects. No runtime is named
 * here: the tables are whatever the installed providers take. Thread-safe.
 */
final class RuntimeTables {

    /** No runtime takes a table (tests, and a reader without the registry). */
    static final RuntimeTables NONE = new RuntimeTables(Map::of);

    private final Supplier<Map<String, Set<String>>> settingNames;

    /**
     * @param settingNames by runtime id, the keys its table takes; asked only when a file has a table that is not one
     *     of Ironbox's own, so a file without one never loads the providers
     */
    RuntimeTables(Supplier<Map<String, Set<String>>> settingNames) {
        this.settingNames = settingNames;
    }

    /** Whether {@code name} is a table of an installed runtime. */
    boolean isRuntimeTable(String name) {
        return settingNames.get().containsKey(name);
    }

    /**
     * Reads table {@code id} of {@code file} (whose lines are {@code lines}, for the line of each key).
     *
     * @throws InvalidConfigurationException naming the file, line and key of an unknown key or a value that is not
     *     a string, number or boolean
     */
    RuntimeSettings read(String id, JsonNode table, Path file, List<String> lines) {
        Set<String> known = settingNames.get().get(id);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : table.properties()) {
            String name = id + "." + field.getKey();
            ConfigFileLimits.refuseFlagOnly(name, file);
            String place = file + DuplicateKeys.line(lines, name).stream().mapToObj(line -> ", line " + line)
                    .findFirst().orElse("");
            if (!known.contains(field.getKey())) {
                throw new InvalidConfigurationException("unknown key '" + name + "' in " + place + "; the [" + id
                        + "] table takes: " + (known.isEmpty() ? "nothing (runtime " + id + " has no settings)"
                        : String.join(", ", known.stream().sorted().toList())));
            }
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new InvalidConfigurationException("key '" + name + "' in " + place + " must be a string, a "
                        + "number or a boolean, not " + ConfigValueType.describe(value));
            }
            values.put(field.getKey(), value.asText());
            sources.put(field.getKey(), place);
        }
        return new RuntimeSettings(values, sources);
    }
}
