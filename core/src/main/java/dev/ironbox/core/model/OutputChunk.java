package dev.ironbox.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Bytes a command wrote to one stream, as they arrived. A chunk may end inside a multi-byte UTF-8 character;
 * consumers that decode must carry the rest over to the next chunk of the same stream.
 */
public record OutputChunk(StreamType stream, byte[] bytes) {

    /** Copies {@code bytes}: transports reuse their buffers. */
    public OutputChunk {
        Objects.requireNonNull(stream, "stream");
        bytes = bytes.clone();
    }

    /** A copy of the bytes, so callers cannot change the chunk. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** How many bytes the chunk holds, without copying them. */
    public int length() {
        return bytes.length;
    }

    /** Writes the bytes without another copy. */
    public void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(bytes);
    }

    @Override
    public String toString() {
        return stream + ":" + new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutputChunk that && stream == that.stream && java.util.Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * stream.hashCode() + java.util.Arrays.hashCode(bytes);
    }
}
