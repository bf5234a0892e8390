package dev.ironbox.core.model.egress;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A credential the proxy adds to requests to {@code host}: the secret named {@code secretName} is resolved on the
 * host (never inside the sandbox) and injected as {@code kind}; {@code parameterName} names the header or query
 * parameter (empty for BEARER). The sandbox sees only {@link #placeholder()} in the variable {@code secretName}.
 *
 * <p>{@code host} is one exact host name or IP address, never a wildcard: a key goes to the one host it was issued
 * for, not to every name under a domain (where user content may be served). It is normalised like an allowlist
 * name (lowercase, no trailing dot, canonical IP text).
 *
 * @param optional when true, a secret that cannot be resolved drops the mapping instead of failing the run
 */
public record CredentialMapping(String host, String secretName, InjectionKind kind, String parameterName,
        boolean optional) {

    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** URL-unreserved characters: a query name that needs no escaping and cannot split the query. */
    private static final Pattern QUERY_NAME = Pattern.compile("[A-Za-z0-9._~-]+");
    /** Headers that frame or route the request: injecting into them would break or redirect it. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "proxy-authorization",
            "proxy-authenticate");

    /**
     * Validates and normalises every field.
     *
     * @throws InvalidConfigurationException naming the mapping: a host that is empty, a wildcard or malformed; a
     *     secret name that is not an environment variable name ({@code [A-Za-z_][A-Za-z0-9_]*}); a header name that
     *     is missing or not an HTTP token, or frames the request ({@code Host}, {@code Content-Length}...); a query
     *     name that is missing or not URL-unreserved characters; a parameter name given for BEARER
     */
    public CredentialMapping {
        String label = host + "=" + secretName;
        if (kind == null) {
            throw fail(label, "no injection kind (bearer, header or query)");
        }
        host = normaliseHost(label, host);
        checkSecretName(label, secretName);
        parameterName = normaliseParameter(label, kind, parameterName);
    }

    /** {@code Authorization: Bearer <secret>} on requests to {@code host}. */
    public static CredentialMapping bearer(String host, String secretName) {
        return new CredentialMapping(host, secretName, InjectionKind.BEARER, "", false);
    }

    /** {@code <headerName>: <secret>} on requests to {@code host}. */
    public static CredentialMapping header(String host, String secretName, String headerName) {
        return new CredentialMapping(host, secretName, InjectionKind.HEADER, headerName, false);
    }

    /** {@code ?<parameterName>=<secret>} on requests to {@code host}. */
    public static CredentialMapping query(String host, String secretName, String parameterName) {
        return new CredentialMapping(host, secretName, InjectionKind.QUERY, parameterName, false);
    }

    /** This mapping, marked optional: a secret that cannot be resolved drops it instead of failing the run. */
    public CredentialMapping asOptional() {
        return new CredentialMapping(host, secretName, kind, parameterName, true);
    }

    /**
     * Parses the command-line form {@code HOST=ENV_VAR[,bearer|,header=NAME|,query=NAME][,optional]} (default
     * bearer; keywords case-insensitive).
     *
     * @throws InvalidConfigurationException naming the entry: no '=', an empty or wildcard host, a host with a port,
     *     a bad variable, header or query name, an unknown option, more than one injection kind
     */
    public static CredentialMapping parse(String text) {
        return CredentialMappingParser.parse(text);
    }

    /**
     * What the sandbox sees instead of the secret, in the variable {@code secretName}:
     * {@code ironbox-placeholder-<secretName>}. Deterministic on purpose: it is not a secret (the sandbox sees it
     * anyway), tools that cache it keep working across runs, and the proxy replaces it only on requests to the
     * mapped host, so guessing it gains nothing.
     */
    public String placeholder() {
        return "ironbox-placeholder-" + secretName;
    }

    /** {@code HOST=SECRET,KIND[=NAME][,optional]}: the parseable form, without any secret value. */
    @Override
    public String toString() {
        String how = switch (kind) {
            case BEARER -> "bearer";
            case HEADER -> "header=" + parameterName;
            case QUERY -> "query=" + parameterName;
        };
        return host + "=" + secretName + "," + how + (optional ? ",optional" : "");
    }

    static void checkSecretName(String label, String secretName) {
        if (secretName == null || !SECRET_NAME.matcher(secretName).matches()) {
            throw fail(label, "secret name '" + secretName + "' is not an environment variable name"
                    + " ([A-Za-z_][A-Za-z0-9_]*)");
        }
    }

    static String normaliseParameter(String label, InjectionKind kind, String parameterName) {
        String name = parameterName == null ? "" : parameterName.trim();
        if (kind == InjectionKind.BEARER) {
            if (!name.isEmpty()) {
                throw fail(label, "bearer takes no name (it is the Authorization header)");
            }
            return name;
        }
        boolean header = kind == InjectionKind.HEADER;
        String what = header ? "header" : "query parameter";
        if (!(header ? TOKEN : QUERY_NAME).matcher(name).matches()) {
            throw fail(label, name.isEmpty() ? what + " name is missing"
                    : what + " name '" + name + "' has characters " + (header ? "an HTTP token cannot have"
                            : "a query parameter name cannot have (allowed: letters, digits, '.', '_', '~', '-')"));
        }
        if (kind == InjectionKind.HEADER && RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw fail(label, "header '" + name + "' frames or routes the request; choose another");
        }
        return name;
    }

    static String normaliseHost(String label, String host) {
        String h = host == null ? "" : host.trim();
        if (h.isEmpty()) {
            throw fail(label, "the host is empty");
        }
        if (h.contains("*")) {
            throw fail(label, "the host must be one exact name, not a wildcard: a key goes to the one host it was"
                    + " issued for");
        }
        if (h.contains("/")) {
            throw fail(label, "the host must be one name or address, not a URL, path or range");
        }
        boolean bracketed = h.startsWith("[") && h.endsWith("]");
        if (h.contains("]:") || (!bracketed && h.chars().filter(c -> c == ':').count() == 1)) {
            throw fail(label, "the host takes no port (the credential is added on every allowed port)");
        }
        String bare = bracketed ? h.substring(1, h.length() - 1) : h;
        return AllowEntryParser.canonicalPattern("credential '" + label + "': host '" + h + "'", bare);
    }

    static InvalidConfigurationException fail(String entry, String problem) {
        return new InvalidConfigurationException("credential '" + entry + "': " + problem);
    }
}
