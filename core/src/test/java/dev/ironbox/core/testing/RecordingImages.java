package dev.ironbox.core.testing;

import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.port.out.ImagePort;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An in-memory image store for core unit tests: keeps every imported archive and its labels. */
public final class RecordingImages implements ImagePort {

    /** Reference to id of the images present. */
    public final Map<String, String> present = new ConcurrentHashMap<>();
    public final Map<String, byte[]> archives = new ConcurrentHashMap<>();
    public final Map<String, Map<String, String>> labels = new ConcurrentHashMap<>();
    public final List<String> removed = new CopyOnWriteArrayList<>();
    /** Runs before the archive is read, like an engine that makes the image first and fills it as it reads. */
    public Consumer<String> beforeReading = reference -> {};
    /** Runs once the first block of the archive has been read. */
    public Consumer<String> afterFirstBlock = reference -> {};
    /** Whether a failed read leaves the image behind, as a careless engine might. */
    public boolean keepPartialImages;
    private int next;

    @Override
    public boolean exists(String image) {
        return present.containsKey(image);
    }

    @Override
    public void pull(String image, Duration timeout) {
        throw new ImageUnavailableException("offline");
    }

    @Override
    public void importRootfs(String image, InputStream rootfsTar) {
        importRootfs(image, rootfsTar, Map.of());
    }

    @Override
    public synchronized void importRootfs(String image, InputStream rootfsTar, Map<String, String> imageLabels) {
        beforeReading.accept(image);
        String id = "sha256:" + (++next);
        if (keepPartialImages) {
            present.put(image, id);
        }
        try {
            byte[] first = rootfsTar.readNBytes(512);
            afterFirstBlock.accept(image);
            byte[] rest = rootfsTar.readAllBytes();
            byte[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);
            archives.put(image, all);
        } catch (IOException e) {
            throw new ImageUnavailableException("the engine could not read the archive", e);
        }
        present.put(image, id);
        labels.put(image, Map.copyOf(imageLabels));
    }

    @Override
    public Optional<ImageSummary> inspect(String image) {
        return Optional.ofNullable(present.get(image))
                .map(id -> new ImageSummary(id, List.of(image), Instant.EPOCH, 0, labels.getOrDefault(image, Map.of())));
    }

    @Override
    public List<ImageSummary> list() {
        return present.keySet().stream().map(image -> inspect(image).orElseThrow()).toList();
    }

    @Override
    public void remove(String image) {
        removed.add(image);
        present.remove(image);
    }
}
