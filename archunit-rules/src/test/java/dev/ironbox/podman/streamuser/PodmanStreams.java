package dev.ironbox.podman.streamuser;

import dev.ironbox.enginestreams.fixture.SharedFrames;

/** Fixture: another adapter that uses the shared engine stream code. */
public class PodmanStreams {
    public int header() {
        return new SharedFrames().headerBytes();
    }
}
