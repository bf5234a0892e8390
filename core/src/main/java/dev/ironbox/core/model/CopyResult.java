package dev.ironbox.core.model;

/**
 * What a file copy into or out of a session moved.
 *
 * @param files regular files copied
 * @param directories directories created
 * @param bytes bytes of file content copied
 */
public record CopyResult(long files, long directories, long bytes) {}
