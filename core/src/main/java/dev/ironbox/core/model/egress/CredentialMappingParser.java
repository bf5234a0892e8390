package dev.ironbox.core.model.egress;

import java.util.Locale;

/** Parses the command-line form {@code HOST=ENV_VAR[,bearer|,header=NAME|,query=NAME][,optional]}. */
final class CredentialMappingParser {

    private static final String FORM = "HOST=ENV_VAR[,bearer|,header=NAME|,query=NAME][,optional]";

    private CredentialMappingParser() {}

    static CredentialMapping parse(String text) {
        String entry = text == null ? "" : text.trim();
        int equals = entry.indexOf('=');
        if (equals < 0) {
            throw CredentialMapping.fail(entry, "expected " + FORM);
        }
        String host = entry.substring(0, equals).trim();
        String[] parts = entry.substring(equals + 1).split(",", -1);
        String secret = parts[0].trim();
        if (host.isEmpty()) {
            throw CredentialMapping.fail(entry, "no host before '='; expected " + FORM);
        }
        if (secret.isEmpty()) {
            throw CredentialMapping.fail(entry, "no environment variable after '='; expected " + FORM);
        }
        InjectionKind kind = null;
        String name = "";
        boolean optional = false;
        for (int i = 1; i < parts.length; i++) {
            String option = parts[i].trim();
            int eq = option.indexOf('=');
            String key = (eq < 0 ? option : option.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : option.substring(eq + 1).trim();
            InjectionKind next;
            switch (key) {
                case "optional" -> {
                    if (value != null) {
                        throw CredentialMapping.fail(entry, "'optional' takes no value");
                    }
                    optional = true;
                    continue;
                }
                case "bearer" -> next = InjectionKind.BEARER;
                case "header" -> next = InjectionKind.HEADER;
                case "query" -> next = InjectionKind.QUERY;
                default -> throw CredentialMapping.fail(entry, "unknown option '" + option
                        + "'; expected bearer, header=NAME, query=NAME or optional");
            }
            if (kind != null) {
                throw CredentialMapping.fail(entry, "more than one injection kind; give one of bearer,"
                        + " header=NAME, query=NAME");
            }
            if (next == InjectionKind.BEARER && value != null) {
                throw CredentialMapping.fail(entry, "'bearer' takes no value (it is the Authorization header)");
            }
            if (next != InjectionKind.BEARER && (value == null || value.isEmpty())) {
                throw CredentialMapping.fail(entry, "'" + key + "' needs a name: " + key + "=NAME");
            }
            kind = next;
            name = value == null ? "" : value;
        }
        InjectionKind chosen = kind == null ? InjectionKind.BEARER : kind;
        // Validate naming the entry as the user wrote it; the record then re-checks the same rules.
        String canonicalHost = CredentialMapping.normaliseHost(entry, host);
        CredentialMapping.checkSecretName(entry, secret);
        CredentialMapping.normaliseParameter(entry, chosen, name);
        return new CredentialMapping(canonicalHost, secret, chosen, name, optional);
    }
}
