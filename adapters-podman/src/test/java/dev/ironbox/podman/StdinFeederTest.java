package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StdinFeederTest {

    private static final String NOTE =
            "Error: write unixpacket @->/proc/self/fd/16/attach: write: connection reset by peer\n";

    @Test
    void onlyPodmansNoteOnUnreadInputIsDropped() {
        List<String> seen = new ArrayList<>();
        Consumer<OutputChunk> sink = StdinFeeder.withoutUnreadInputNote(
                chunk -> seen.add(chunk.stream() + ":" + new String(chunk.bytes(), StandardCharsets.UTF_8)));
        sink.accept(chunk(StreamType.STDOUT, "before\n"));
        sink.accept(chunk(StreamType.STDERR, NOTE));
        sink.accept(chunk(StreamType.STDERR, NOTE.replace("connection reset by peer", "broken pipe")));
        sink.accept(chunk(StreamType.STDERR, NOTE.replace("write", "read"))); // seen in CI: the read side's reset
        sink.accept(chunk(StreamType.STDOUT, NOTE)); // the command's own output, however it looks
        sink.accept(chunk(StreamType.STDERR, "tar: short read\n" + NOTE));
        assertThat(seen).containsExactly("STDOUT:before\n", "STDOUT:" + NOTE, "STDERR:tar: short read\n" + NOTE);
    }

    private static OutputChunk chunk(StreamType stream, String text) {
        return new OutputChunk(stream, text.getBytes(StandardCharsets.UTF_8));
    }
}
