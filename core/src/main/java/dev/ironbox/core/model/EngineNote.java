package dev.ironbox.core.model;

import java.util.Objects;

/**
 * One line {@code ironbox doctor} shows under an engine beyond its version: what it is connected to (a cluster's
 * namespace), a permission it lacks, a warning about what it cannot promise.
 *
 * @param kind how the line reads: a fact, a warning (runs work, with a caveat), or a problem (some runs fail)
 * @param text the line, without a prefix
 */
public record EngineNote(Kind kind, String text) {

    /** How a note reads. */
    public enum Kind {
        INFO,
        WARNING,
        PROBLEM
    }

    /** @throws NullPointerException when a component is {@code null} */
    public EngineNote {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public static EngineNote info(String text) {
        return new EngineNote(Kind.INFO, text);
    }

    public static EngineNote warning(String text) {
        return new EngineNote(Kind.WARNING, text);
    }

    public static EngineNote problem(String text) {
        return new EngineNote(Kind.PROBLEM, text);
    }
}
