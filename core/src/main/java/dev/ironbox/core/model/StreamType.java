package dev.ironbox.core.model;

/** Which output stream a chunk of bytes came from. */
public enum StreamType {
    STDOUT,
    STDERR
}
