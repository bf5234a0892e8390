package dev.ironbox.cli;

import dev.ironbox.core.model.TransferProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Shows a transfer's progress on one terminal line, redrawn in place ({@code \r}):
 * {@code importing: 12.0 MiB of 40.0 MiB (30%)}, or just the bytes when the total is unknown. Redraws at most every
 * {@link #REDRAW_NANOS} so a fast transfer does not flood the terminal. Only for a terminal: when output is piped,
 * the commands use {@link TransferProgress#NONE} instead.
 */
final class TerminalProgress implements TransferProgress {

    static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final String label;
    private final LongSupplier nanoTime;
    private long lastDrawn;
    private int lastWidth;
    private boolean drawn;
    private String pending;
    /** Whether {@link #pending} is newer than what the terminal shows. */
    private boolean dirty;

    /**
     * @param err the terminal
     * @param label what is transferred, e.g. {@code importing}
     * @param nanoTime the monotonic clock ({@code System::nanoTime}; tests pass their own)
     */
    TerminalProgress(PrintStream err, String label, LongSupplier nanoTime) {
        this.err = err;
        this.label = label;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void update(long bytes, OptionalLong totalBytes) {
        pending = label + ": " + describe(bytes, totalBytes);
        dirty = true;
        long now = nanoTime.getAsLong();
        if (!drawn || now - lastDrawn >= REDRAW_NANOS) {
            draw(now);
        }
    }

    /** Draws the last update if it was throttled, and ends the line; does nothing if nothing was ever shown. */
    synchronized void finish() {
        if (pending == null) {
            return;
        }
        if (dirty) {
            draw(nanoTime.getAsLong());
        }
        err.print(System.lineSeparator());
        err.flush();
        pending = null;
    }

    private void draw(long now) {
        // pad with spaces to wipe the tail of a longer previous line
        String line = pending + " ".repeat(Math.max(0, lastWidth - pending.length()));
        err.print("\r" + line);
        err.flush();
        lastWidth = pending.length();
        lastDrawn = now;
        drawn = true;
        dirty = false;
    }

    static String describe(long bytes, OptionalLong totalBytes) {
        if (totalBytes.isEmpty() || totalBytes.getAsLong() <= 0) {
            return bytes(bytes);
        }
        long total = totalBytes.getAsLong();
        long percent = Math.min(100, bytes * 100 / total);
        return bytes(bytes) + " of " + bytes(total) + " (" + percent + "%)";
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 12.0 MiB}, {@code 2.1 GiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
