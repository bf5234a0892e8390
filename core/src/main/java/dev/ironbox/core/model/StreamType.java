package dev.ironbox.core.model;

/** Which output stream a chunk of bytes came from. */
public enum StreamType {
    /** The command's standard output. */
    STDOUT,
    /** The command's standard error. */
    STDERR
}
