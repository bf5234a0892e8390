package dev.ironbox.core.model.egress;

/** Where the proxy puts a credential on requests to its host. */
public enum InjectionKind {
    /** {@code Authorization: Bearer <secret>}. */
    BEARER,
    /** A named header: {@code <name>: <secret>}. */
    HEADER,
    /** A named query parameter: {@code ?<name>=<secret>}. */
    QUERY
}
