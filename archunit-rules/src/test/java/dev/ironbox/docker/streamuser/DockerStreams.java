package dev.ironbox.docker.streamuser;

import dev.ironbox.enginestreams.fixture.SharedFrames;

/** Fixture: an adapter that uses the shared engine stream code. */
public class DockerStreams {
    public int header() {
        return new SharedFrames().headerBytes();
    }
}
