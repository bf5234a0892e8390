package dev.ironbox.core.model.egress;

/**
 * A credential the proxy adds to requests to {@code host}: the secret named {@code secretName} is resolved on the
 * host (never inside the sandbox) and injected as {@code kind}; {@code parameterName} names the header or query
 * parameter (unused for BEARER). The sandbox sees only {@link #placeholder()} in the variable {@code secretName}.
 *
 * @param optional when true, a secret that cannot be resolved drops the mapping instead of failing the run
 */
public record CredentialMapping(String host, String secretName, InjectionKind kind, String parameterName,
        boolean optional) {

    /** What the sandbox sees instead of the secret; replaced by the proxy on the way out. */
    public String placeholder() {
        return "ironbox-placeholder-" + secretName;
    }
}
