package dev.ironbox.core.tar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** A tar read back by a well-kept reader: its entries in order, and the text of each file. */
public record TarEntries(Map<String, TarArchiveEntry> entries, Map<String, String> contents) {

    public static TarEntries read(byte[] tar) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
                contents.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return new TarEntries(entries, contents);
    }

    public TarArchiveEntry get(String name) {
        TarArchiveEntry entry = entries.get(name);
        if (entry == null) {
            throw new AssertionError("no entry " + name + " in " + entries.keySet());
        }
        return entry;
    }
}
