package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PullProgressTest {

    private record Update(long bytes, OptionalLong total) {}

    private final List<Update> updates = new ArrayList<>();
    private final PullProgress progress = new PullProgress((bytes, total) -> updates.add(new Update(bytes, total)));

    @Test
    void sumsLayersAndKnowsTheTotalOnceEveryLayerSizeIsKnown() {
        progress.onEvent(null, "Pulling from library/x", null, null);
        progress.onEvent("a", "Pulling fs layer", null, null);
        progress.onEvent("b", "Pulling fs layer", null, null);
        progress.onEvent("a", "Downloading", 100L, 1000L);
        progress.onEvent("b", "Downloading", 50L, 500L);
        progress.onEvent("a", "Download complete", null, null);
        progress.onEvent("a", "Extracting", 300L, 1000L); // the same bytes again: not counted
        progress.onEvent("b", "Downloading", 500L, 500L);

        assertThat(updates).containsExactly(
                new Update(0, OptionalLong.empty()), // layers announced: nothing yet, size unknown
                new Update(100, OptionalLong.empty()),
                new Update(150, OptionalLong.of(1500)),
                new Update(1050, OptionalLong.of(1500)),
                new Update(1500, OptionalLong.of(1500)));
    }

    @Test
    void layersTheEngineHasAlreadyAddNothing() {
        progress.onEvent("a", "Already exists", null, null);
        progress.onEvent("b", "Downloading", 10L, 20L);
        assertThat(updates).last().isEqualTo(new Update(10, OptionalLong.of(20)));
    }

    @Test
    void aFailingListenerDoesNotBreakThePull() {
        PullProgress failing = new PullProgress((bytes, total) -> {
            throw new IllegalStateException("display gone");
        });
        failing.onEvent("a", "Downloading", 1L, 2L);
        failing.onEvent("a", "Download complete", null, null);
    }
}
