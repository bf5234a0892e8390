package dev.ironbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The field names of a JSON object, in the order they were written: tests pin the CLI's JSON shapes with it. */
final class JsonNames {

    private JsonNames() {}

    static List<String> of(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
