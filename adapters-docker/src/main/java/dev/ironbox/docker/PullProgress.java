package dev.ironbox.docker;

import dev.ironbox.core.model.TransferProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Sums a pull's per-layer download progress into one figure. Docker reports each layer by id: "Pulling fs layer"
 * (size not yet known), "Downloading" with {@code progressDetail} current/total, "Download complete", "Extracting"
 * (the same bytes again, so ignored), "Pull complete"; a layer the engine has already is "Already exists". The
 * total is reported once every layer seen has a known size. Called from one stream thread; not thread-safe.
 */
final class PullProgress {

    /** Bytes downloaded and expected for one layer; {@code total} negative while unknown. */
    private static final class Layer {
        long current;
        long total = -1;
    }

    private final TransferProgress progress;
    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private long lastBytes = -1;
    private long lastTotal = -2;

    PullProgress(TransferProgress progress) {
        this.progress = progress;
    }

    /** One event of the pull stream; {@code current} and {@code total} are its progressDetail, when present. */
    void onEvent(String layerId, String status, Long current, Long total) {
        if (layerId == null || status == null) {
            return; // events about the whole image ("Pulling from ...", "Digest: ...", "Status: ...")
        }
        Layer layer = layers.computeIfAbsent(layerId, id -> new Layer());
        switch (status) {
            case "Downloading" -> {
                if (total != null && total > 0) {
                    layer.total = total;
                }
                if (current != null && current >= 0) {
                    layer.current = layer.total >= 0 ? Math.min(current, layer.total) : current;
                }
            }
            case "Download complete", "Pull complete" -> {
                if (layer.total >= 0) {
                    layer.current = layer.total;
                }
            }
            case "Already exists" -> {
                // nothing to download for it
                layer.current = 0;
                layer.total = 0;
            }
            default -> {
                // "Pulling fs layer", "Waiting", "Verifying Checksum", "Extracting": no downloaded bytes
            }
        }
        report();
    }

    private void report() {
        long bytes = 0;
        long total = 0;
        for (Layer layer : layers.values()) {
            bytes += layer.current;
            total = total < 0 || layer.total < 0 ? -1 : total + layer.total;
        }
        if (bytes == lastBytes && total == lastTotal) {
            return;
        }
        lastBytes = bytes;
        lastTotal = total;
        try {
            progress.update(bytes, total < 0 ? OptionalLong.empty() : OptionalLong.of(total));
        } catch (RuntimeException ignored) {
            // a progress display must not break the pull
        }
    }
}
